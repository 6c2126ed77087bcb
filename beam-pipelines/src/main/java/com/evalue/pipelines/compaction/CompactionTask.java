package com.evalue.pipelines.compaction;

import com.evalue.io.archive.DayKey;
import java.io.Serializable;
import java.util.List;

/** One vehicle-day to compact and the snapshot L of its temp objects (spec: storage.md §3.3 step 1). */
public record CompactionTask(DayKey day, List<String> tempObjects) implements Serializable {
  public CompactionTask {
    tempObjects = List.copyOf(tempObjects);
  }
}
