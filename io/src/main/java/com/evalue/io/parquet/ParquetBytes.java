package com.evalue.io.parquet;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet files as whole byte arrays, so that one code path writes them atomically to local disk or S3 through
 * {@link com.evalue.io.storage.Warehouse} (spec: storage.md §1.4, §1.6: ZSTD, row groups ≤ 128 MB, key-value
 * metadata). The per-VIN and per-day files of the archive are small; the whole file is built in memory.
 */
public final class ParquetBytes {
  public static final String SCHEMA_VERSION_KEY = "evalue.schema_version";
  private static final int ROW_GROUP_BYTES = 128 * 1024 * 1024;

  /**
   * One Hadoop {@link Configuration} per thread. Parquet's builders otherwise create a new one for every file, and
   * each new instance re-parses core-default.xml and core-site.xml from the classpath on first use: that parsing was
   * about half of the CPU time of reading the small per-vehicle-day archive files (docs/benchmarks.md, "Pipeline").
   * Per thread rather than shared, because the Avro reader builder writes a (constant) key into it.
   */
  private static final ThreadLocal<Configuration> HADOOP_CONF = ThreadLocal.withInitial(Configuration::new);

  private static ParquetConfiguration conf() {
    return new HadoopParquetConfiguration(HADOOP_CONF.get());
  }

  private static ParquetReadOptions readOptions() {
    return ParquetReadOptions.builder(conf()).build();
  }

  private ParquetBytes() {}

  /** A Parquet file read back: its records and key-value metadata. */
  public record Contents(List<GenericRecord> records, Map<String, String> metadata) {}

  public static byte[] write(Schema schema, Iterable<GenericRecord> records, Map<String, String> metadata) {
    InMemoryOutputFile out = new InMemoryOutputFile();
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(out)
            .withConf(HADOOP_CONF.get())
            .withSchema(schema)
            .withDataModel(GenericData.get())
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withRowGroupSize((long) ROW_GROUP_BYTES)
            .withExtraMetaData(metadata)
            .build()) {
      for (GenericRecord r : records) {
        writer.write(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode Parquet: " + e.getMessage(), e);
    }
    return out.bytes();
  }

  public static Contents read(byte[] file) {
    InMemoryInputFile in = new InMemoryInputFile(file);
    try {
      Map<String, String> metadata;
      try (ParquetFileReader meta = ParquetFileReader.open(in, readOptions())) {
        metadata = meta.getFooter().getFileMetaData().getKeyValueMetaData();
      }
      List<GenericRecord> records = new ArrayList<>();
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(in, conf()).withDataModel(GenericData.get()).build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          records.add(r);
        }
      }
      return new Contents(records, metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode Parquet: " + e.getMessage(), e);
    }
  }

  /** Only the footer's key-value metadata (cheap: the rows are not decoded). */
  public static Map<String, String> metadata(byte[] file) {
    try (ParquetFileReader meta = ParquetFileReader.open(new InMemoryInputFile(file), readOptions())) {
      return meta.getFooter().getFileMetaData().getKeyValueMetaData();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode Parquet footer: " + e.getMessage(), e);
    }
  }

  private static final class InMemoryOutputFile implements OutputFile {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    byte[] bytes() {
      return buffer.toByteArray();
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      buffer.reset();
      return new PositionOutputStream() {
        private long pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void write(int b) {
          buffer.write(b);
          pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          buffer.write(b, off, len);
          pos += len;
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }

  private static final class InMemoryInputFile implements InputFile {
    private final byte[] data;

    InMemoryInputFile(byte[] data) {
      this.data = data;
    }

    @Override
    public long getLength() {
      return data.length;
    }

    @Override
    public SeekableInputStream newStream() {
      return new SeekableInputStream() {
        private int pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void seek(long newPos) {
          pos = (int) newPos;
        }

        @Override
        public int read() {
          return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (pos >= data.length) {
            return -1;
          }
          int n = Math.min(len, data.length - pos);
          System.arraycopy(data, pos, b, off, n);
          pos += n;
          return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
          readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
          if (len > data.length - pos) {
            throw new EOFException("Parquet file ends before " + len + " more bytes at " + pos);
          }
          System.arraycopy(data, pos, bytes, start, len);
          pos += len;
        }

        @Override
        public int read(ByteBuffer buf) {
          if (pos >= data.length) {
            return -1;
          }
          int n = Math.min(buf.remaining(), data.length - pos);
          buf.put(data, pos, n);
          pos += n;
          return n;
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
          if (buf.remaining() > data.length - pos) {
            throw new EOFException("Parquet file ends before " + buf.remaining() + " more bytes at " + pos);
          }
          int n = buf.remaining();
          buf.put(data, pos, n);
          pos += n;
        }
      };
    }
  }
}
