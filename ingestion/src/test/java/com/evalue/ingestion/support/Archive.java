package com.evalue.ingestion.support;

import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.deadletter.DeadLetterFiles;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import java.util.ArrayList;
import java.util.List;

/** Reads back what ingestion wrote: temp objects decoded with {@link TempBuffer}, dead letters. */
public final class Archive {
  private Archive() {}

  public static List<String> tempObjects(Warehouse w) {
    return w.list("temp/**");
  }

  public static List<Envelope> envelopes(Warehouse w) {
    List<Envelope> out = new ArrayList<>();
    for (String p : tempObjects(w)) {
      out.addAll(TempBuffer.decodeAll(w.read(p)));
    }
    return out;
  }

  public static List<DeadLetter> deadLetters(Warehouse w, String makeCode) {
    return DeadLetterFiles.readAll(w, "ingestion", makeCode);
  }
}
