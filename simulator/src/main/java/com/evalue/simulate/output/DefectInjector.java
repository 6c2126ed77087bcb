package com.evalue.simulate.output;

import com.evalue.simulate.emit.EmittedRecord;
import com.evalue.simulate.emit.PayloadKind;
import com.evalue.simulate.emit.RecordSink;
import com.evalue.simulate.emit.SourceRecord;
import com.evalue.simulate.random.Rng;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Vin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Delivers emitted records to the {@link DeliveryBook}, injecting transport defects when enabled: duplicates
 * (identical content re-sent, sometimes flagged {@code is_resend}, sometimes in the next day's file), late
 * arrivals (delivered 1–2 days after their event date) and a small share of malformed records (added next to the
 * good record, never replacing it). BMW CarData polls are left alone so that a vehicle never exceeds its 48 polls
 * per day.
 */
public final class DefectInjector {
  public static final double DUPLICATE_SHARE = 0.20;
  public static final double DUPLICATE_NEXT_DAY_SHARE = 0.25;
  public static final double LATE_SHARE = 0.03;
  public static final double MALFORMED_SHARE = 0.005;

  private final DeliveryBook book;
  private final boolean defects;
  private long duplicates;
  private long late;
  private final SortedMap<String, Long> malformed = new TreeMap<>();

  public DefectInjector(DeliveryBook book, boolean defects) {
    this.book = book;
    this.defects = defects;
  }

  /** The sink for one vehicle; its defect draws come from the vehicle's own random stream. */
  public RecordSink sinkFor(Make make, int vehicleIndex, long seed) {
    Rng rng = Rng.derive(seed, "defects", vehicleIndex);
    return r -> deliver(make, r, rng);
  }

  public long duplicates() {
    return duplicates;
  }

  public long late() {
    return late;
  }

  public SortedMap<String, Long> malformedByKind() {
    return malformed;
  }

  private void deliver(Make make, EmittedRecord r, Rng rng) {
    byte[] content = r.record().encode();
    if (!defects || r.kind() == PayloadKind.BMW_CARDATA) {
      book.add(make, r.kind(), r.receivedAt(), r.vehicleIndex(), content, false);
      return;
    }
    Instant received = r.receivedAt();
    long daysLeft = book.lastDay().toEpochDay() - book.deliveryDay(received).toEpochDay();
    if (daysLeft >= 1 && rng.chance(LATE_SHARE)) {
      int days = 1 + rng.nextInt((int) Math.min(2, daysLeft));
      received = received.plusSeconds(days * 86_400L);
      late++;
    }
    book.add(make, r.kind(), received, r.vehicleIndex(), content, false);

    if (rng.chance(DUPLICATE_SHARE)) {
      SourceRecord copy = r.record().redelivered(rng);
      Instant again = received.plusSeconds(1 + rng.nextInt(600));
      if (rng.chance(DUPLICATE_NEXT_DAY_SHARE) && book.deliveryDay(received).isBefore(book.lastDay())) {
        Instant nextMidnight = LocalDate.ofInstant(received, ZoneOffset.UTC).plusDays(1)
            .atStartOfDay(ZoneOffset.UTC).toInstant();
        again = nextMidnight.plusSeconds(rng.nextInt(6 * 3600));
      }
      book.add(make, r.kind(), again, r.vehicleIndex(), copy.encode(), false);
      duplicates++;
    }

    if (rng.chance(MALFORMED_SHARE)) {
      List<MalformedKind> kinds = applicable(r.kind());
      MalformedKind kind = kinds.get(rng.nextInt(kinds.size()));
      byte[] bad = malformed(kind, r, rng);
      boolean wholeLine = r.kind() == PayloadKind.BMW_PUSH && kind == MalformedKind.BROKEN_JSON;
      book.add(make, r.kind(), received.plusMillis(rng.nextInt(60_000)), r.vehicleIndex(), bad, wholeLine);
      malformed.merge(kind.code(), 1L, Long::sum);
    }
  }

  static List<MalformedKind> applicable(PayloadKind kind) {
    return switch (kind) {
      case TESLA_PROTO -> List.of(MalformedKind.TRUNCATED_PROTOBUF, MalformedKind.INVALID_VIN,
          MalformedKind.FUTURE_TIMESTAMP);
      // A broken element would make the rest of a Stellantis export array unreadable, so none are injected there.
      case STELLANTIS_CAR_STATES -> List.of(MalformedKind.STELLANTIS_VIN_X, MalformedKind.INVALID_VIN,
          MalformedKind.FUTURE_TIMESTAMP);
      default -> List.of(MalformedKind.BROKEN_JSON, MalformedKind.INVALID_VIN, MalformedKind.FUTURE_TIMESTAMP);
    };
  }

  private static byte[] malformed(MalformedKind kind, EmittedRecord r, Rng rng) {
    SourceRecord record = r.record();
    switch (kind) {
      case TRUNCATED_PROTOBUF:
        return truncatedProtobuf(record.encode());
      case BROKEN_JSON: {
        byte[] json = r.kind() == PayloadKind.BMW_PUSH ? DeliveryBook.pushBody(record.encode()) : record.encode();
        String text = new String(json, StandardCharsets.UTF_8);
        int cut = text.length() / 3 + rng.nextInt(Math.max(1, text.length() * 2 / 3 - 2));
        return text.substring(0, Math.min(cut, text.length() - 2)).getBytes(StandardCharsets.UTF_8);
      }
      case INVALID_VIN:
        return record.withVin(invalidVin(record.vin(), rng)).encode();
      case STELLANTIS_VIN_X: {
        char[] vin = record.vin().toCharArray();
        vin[7] = 'X';
        return record.withVin(new String(vin)).encode();
      }
      case FUTURE_TIMESTAMP:
        return record.shiftedBy(Duration.ofDays(2 + rng.nextInt(29))).encode();
      default:
        throw new IllegalStateException("unknown kind " + kind);
    }
  }

  /**
   * Cuts the record inside its first {@code data} submessage: the declared length then exceeds the bytes left,
   * which a protobuf parser must reject. The length prefix in the file matches the cut bytes, so the following
   * records stay readable.
   */
  static byte[] truncatedProtobuf(byte[] bytes) {
    int pos = 1;
    int declared = 0;
    int shift = 0;
    while (pos < bytes.length) {
      int b = bytes[pos++] & 0xFF;
      declared |= (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    int cut = Math.max(pos + 1, Math.min(bytes.length - 1, pos + declared / 2));
    return Arrays.copyOf(bytes, cut);
  }

  private static String invalidVin(String vin, Rng rng) {
    String bad;
    switch (rng.nextInt(3)) {
      case 0:
        bad = vin.substring(0, 16); // too short
        break;
      case 1:
        bad = vin + "7"; // too long
        break;
      default: {
        char[] c = vin.toCharArray();
        c[3 + rng.nextInt(14)] = 'O'; // the letter O is not allowed in VINs
        bad = new String(c);
      }
    }
    if (Vin.isValid(bad)) {
      throw new IllegalStateException("meant to be invalid: " + bad);
    }
    return bad;
  }
}
