package com.evalue.io.archive;

import com.evalue.io.parquet.ParquetBytes;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Make;

/**
 * Size of a make's compressed archive: vehicle-day files, rows (from each file's {@code evalue.row_count}
 * footer metadata, so rows are not decoded) and bytes.
 */
public record ArchiveStats(long files, long rows, long bytes) {
  public static ArchiveStats of(Warehouse warehouse, Make make) {
    long files = 0;
    long rows = 0;
    long bytes = 0;
    for (String path : warehouse.list(ArchivePaths.compressedGlob(make))) {
      byte[] file = warehouse.read(path);
      files++;
      bytes += file.length;
      rows += Long.parseLong(ParquetBytes.metadata(file).getOrDefault(CompressedDay.ROW_COUNT_KEY, "0"));
    }
    return new ArchiveStats(files, rows, bytes);
  }
}
