package com.evalue.io.storage;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The one storage root of every dataset (spec: storage.md §1): a local directory or {@code s3://bucket/prefix}.
 * Paths given to and returned by this class are relative to the root. The same code serves both schemes through
 * Beam's {@link FileSystems}; only whole-object, atomic writes are offered:
 *
 * <ul>
 *   <li>local: {@code .{name}.tmp-{uuid}} in the same directory, flushed and fsynced, then renamed over the final
 *       name (storage.md §1.4);
 *   <li>S3: one upload completed at the final key (Beam's S3 channel completes the multipart upload on close).
 * </ul>
 *
 * Listings ignore names containing {@code .tmp-}. S3 file systems must have been registered first with
 * {@link Storage#configure(StorageOptions)} (or by the runner from the pipeline options).
 */
public final class Warehouse implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String TMP_MARKER = ".tmp-";

  private final String root;
  private final boolean local;

  private Warehouse(String root, boolean local) {
    this.root = root;
    this.local = local;
  }

  /** A warehouse at {@code root}: {@code s3://bucket/prefix}, {@code file:///dir} or a plain local path. */
  public static Warehouse at(String root) {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("warehouse root is empty");
    }
    String r = root.trim();
    if (r.startsWith("s3://")) {
      String rest = r.substring("s3://".length()).replaceAll("/+$", "");
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("warehouse " + root + " has no bucket");
      }
      return new Warehouse("s3://" + rest, false);
    }
    if (r.contains("://") && !r.startsWith("file://")) {
      throw new IllegalArgumentException("warehouse " + root + ": only local paths, file:// and s3:// are supported");
    }
    Path p = r.startsWith("file://") ? Paths.get(java.net.URI.create(r)) : Paths.get(r);
    return new Warehouse(p.toAbsolutePath().normalize().toString(), true);
  }

  public String root() {
    return root;
  }

  public boolean isLocal() {
    return local;
  }

  /** Absolute location of a relative path, as Beam understands it. */
  public String location(String relativePath) {
    return root + "/" + relativePath;
  }

  private ResourceId resource(String relativePath) {
    return FileSystems.matchNewResource(location(relativePath), relativePath.endsWith("/"));
  }

  /** Writes a whole object atomically under its final name, replacing any previous object. */
  public void write(String relativePath, byte[] bytes) {
    try {
      if (local) {
        writeLocal(Paths.get(location(relativePath)), bytes);
      } else {
        CreateOptions options =
            CreateOptions.StandardCreateOptions.builder().setMimeType("application/octet-stream").build();
        try (WritableByteChannel channel = FileSystems.create(resource(relativePath), options)) {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + location(relativePath) + ": " + e.getMessage(), e);
    }
  }

  private static void writeLocal(Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + TMP_MARKER + UUID.randomUUID());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The whole object, or empty when it does not exist. */
  public Optional<byte[]> readIfExists(String relativePath) {
    try {
      if (local) {
        try {
          return Optional.of(Files.readAllBytes(Paths.get(location(relativePath))));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        }
      }
      if (!exists(relativePath)) {
        return Optional.empty();
      }
      try (ReadableByteChannel ch = FileSystems.open(resource(relativePath))) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Channels.newInputStream(ch).transferTo(out);
        return Optional.of(out.toByteArray());
      }
    } catch (FileNotFoundException | NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location(relativePath) + ": " + e.getMessage(), e);
    }
  }

  public byte[] read(String relativePath) {
    return readIfExists(relativePath)
        .orElseThrow(() -> new UncheckedIOException(new FileNotFoundException(location(relativePath))));
  }

  public boolean exists(String relativePath) {
    if (local) {
      return Files.exists(Paths.get(location(relativePath)));
    }
    return !list(relativePath).isEmpty();
  }

  /**
   * Relative paths of the objects matching a glob relative to the root ({@code *} within one path segment,
   * {@code **} across segments), sorted; in-flight temporary objects are ignored.
   */
  public List<String> list(String relativeGlob) {
    try {
      MatchResult match = FileSystems.match(location(relativeGlob), EmptyMatchTreatment.ALLOW);
      if (match.status() == MatchResult.Status.NOT_FOUND) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (MatchResult.Metadata m : match.metadata()) {
        String rel = relativize(m.resourceId().toString());
        if (!rel.contains(TMP_MARKER) && !m.resourceId().isDirectory()) {
          out.add(rel);
        }
      }
      out.sort(String::compareTo);
      return out;
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location(relativeGlob) + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the given objects; missing ones are ignored (deleting twice is harmless). */
  public void delete(Collection<String> relativePaths) {
    if (relativePaths.isEmpty()) {
      return;
    }
    List<ResourceId> ids = new ArrayList<>();
    for (String p : relativePaths) {
      ids.add(resource(p));
    }
    try {
      FileSystems.delete(ids, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete objects under " + root + ": " + e.getMessage(), e);
    }
    if (local) {
      relativePaths.forEach(p -> pruneEmptyParents(Paths.get(location(p)).getParent()));
    }
  }

  /** Local only: removes directories left empty up to the root, so temp/ does not fill with empty folders. */
  private void pruneEmptyParents(Path dir) {
    Path top = Paths.get(root);
    Path d = dir;
    while (d != null && d.startsWith(top) && !d.equals(top)) {
      try {
        Files.delete(d);
      } catch (IOException e) {
        return; // not empty, or already gone
      }
      d = d.getParent();
    }
  }

  private String relativize(String absolute) {
    String prefix = root + "/";
    if (absolute.startsWith(prefix)) {
      return absolute.substring(prefix.length());
    }
    if (absolute.startsWith("file:" + prefix)) {
      return absolute.substring(("file:" + prefix).length());
    }
    throw new IllegalStateException("object " + absolute + " is outside warehouse " + root);
  }

  @Override
  public String toString() {
    return root;
  }
}
