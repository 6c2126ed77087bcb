package com.evalue.ingestion.bmw;

import com.evalue.ingestion.http.JsonHttp;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the CarData poller must remember across restarts, per account, in one JSON file ({@code cardata.state_file}):
 * the refresh token the token endpoint last issued (OAuth servers may rotate refresh tokens, so the one in the
 * configuration can be spent already), and the day's request count and CU-429 stop (BMW's quota is per 24 h; a
 * restart must not hand out a fresh budget).
 *
 * <p>A stored refresh token applies only while the configuration still holds the token it descends from
 * ({@code configured_sha256}): when an operator puts a new token in the configuration (a new device-code flow), that
 * one wins. The file is written whole, to a temporary file then renamed (a crash leaves the old or the new state),
 * readable by its owner only (it holds tokens).
 */
final class CarDataState {
  /** One account's remembered state. */
  static final class Account {
    @JsonProperty("refresh_token") String refreshToken;
    @JsonProperty("configured_sha256") String configuredSha256;
    @JsonProperty("budget_day") String budgetDay;
    @JsonProperty("used_today") int usedToday;
    @JsonProperty("stopped_until") String stoppedUntil;

    LocalDate budgetDay() {
      return budgetDay == null ? null : LocalDate.parse(budgetDay);
    }

    Instant stoppedUntil() {
      return stoppedUntil == null ? Instant.MIN : Instant.parse(stoppedUntil);
    }
  }

  private final Path file;
  private final Map<String, Account> accounts;

  private CarDataState(Path file, Map<String, Account> accounts) {
    this.file = file;
    this.accounts = accounts;
  }

  /** The state of {@code file}, empty when it does not exist yet; null file = nothing remembered. */
  static CarDataState open(Path file) {
    if (file == null) {
      return new CarDataState(null, new TreeMap<>());
    }
    try {
      if (!Files.exists(file)) {
        return new CarDataState(file, new TreeMap<>());
      }
      Map<String, Account> read = JsonHttp.MAPPER.readValue(Files.readAllBytes(file),
          new TypeReference<TreeMap<String, Account>>() {});
      return new CarDataState(file, read);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CarData state " + file + ": " + e.getMessage(), e);
    }
  }

  /** The account's remembered state (null when none). */
  synchronized Account get(String account) {
    return accounts.get(account);
  }

  /** Whether {@code remembered} descends from the refresh token the configuration holds now. */
  static boolean descendsFrom(Account remembered, String configuredRefreshToken) {
    return remembered != null && remembered.refreshToken != null
        && sha256(configuredRefreshToken).equals(remembered.configuredSha256);
  }

  /** Records the account's state and writes the file (no-op without a file). */
  synchronized void put(String account, String refreshToken, String configuredRefreshToken, LocalDate budgetDay,
      int usedToday, Instant stoppedUntil) {
    Account a = new Account();
    a.refreshToken = refreshToken;
    a.configuredSha256 = sha256(configuredRefreshToken);
    a.budgetDay = budgetDay == null ? null : budgetDay.toString();
    a.usedToday = usedToday;
    a.stoppedUntil = stoppedUntil == null || stoppedUntil.equals(Instant.MIN) ? null : stoppedUntil.toString();
    accounts.put(account, a);
    if (file != null) {
      write();
    }
  }

  private void write() {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.write(tmp, JsonHttp.MAPPER.writeValueAsBytes(accounts));
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CarData state " + file + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(String.valueOf(s).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
