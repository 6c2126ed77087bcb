package com.evalue.ingestion.tesla;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * KafkaIO's consumer factory with a JVM-wide pool: a "closed" consumer goes back to the pool and the next reader of
 * the same configuration gets it, assigned and positioned afresh by KafkaIO.
 *
 * <p>Why: the DirectRunner reads an unbounded source 10 records per bundle and, on purpose (to shake out
 * checkpointing bugs), closes the reader and resumes from its checkpoint after about one bundle in twenty. Each
 * KafkaIO reader opens two consumers (records and end offsets), so without a pool the stream spends much of its time
 * connecting consumers (measured with a read-only pipeline: ~7 new readers a second; the pool gave 2.5× the records
 * per second). With it, a resumed reader costs an {@code assign} and a {@code seek}. Correctness does not depend on the pool: KafkaIO seeks every reader to its
 * checkpoint, and the pooled consumer never commits (auto-commit is off, offsets are committed by
 * {@link PartitionFlushFn} only).
 *
 * <p>The pool key is the whole configuration; the end-offsets consumer's otherwise random group id is fixed through
 * {@code withOffsetConsumerConfigOverrides} ({@link TeslaIngestPipeline}), so it pools too.
 *
 * <p>The ingestion's own client settings ({@link TeslaIngestConfig#kafkaProperties}: TLS, SASL) are added here, to
 * every consumer KafkaIO asks for, rather than passed as KafkaIO consumer config: KafkaIO copies its consumer config
 * into the pipeline's display data, and {@code sasl.jaas.config} holds a password.
 */
final class ConsumerPool implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
  private static final long serialVersionUID = 1L;
  /** Idle consumers kept per configuration; more are closed for real. */
  private static final int MAX_IDLE = 8;
  /** An idle consumer unused this long is closed (a stopped pipeline's, or a broker gone away). */
  private static final long IDLE_CLOSE_NANOS = TimeUnit.SECONDS.toNanos(20);
  private static final Map<String, Deque<Idle>> IDLE = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "evalue-kafka-consumer-pool-sweeper");
    t.setDaemon(true);
    return t;
  });

  static {
    SWEEPER.scheduleWithFixedDelay(ConsumerPool::closeIdle, 5, 5, TimeUnit.SECONDS);
  }

  private record Idle(Consumer<byte[], byte[]> consumer, long sinceNanos) {}

  private final TreeMap<String, String> clientSettings;

  private ConsumerPool(Map<String, String> clientSettings) {
    this.clientSettings = new TreeMap<>(clientSettings);
  }

  /** The factory of consumers that also carry {@code clientSettings} (the ingestion's TLS/SASL settings). */
  static ConsumerPool withClientSettings(Map<String, String> clientSettings) {
    return new ConsumerPool(clientSettings);
  }

  @Override
  public Consumer<byte[], byte[]> apply(Map<String, Object> kafkaIoConfig) {
    Map<String, Object> config = new TreeMap<>(kafkaIoConfig);
    config.putAll(clientSettings);
    String key = config.toString();
    Deque<Idle> idle = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>());
    Consumer<byte[], byte[]> real = null;
    synchronized (idle) {
      Idle i = idle.pollFirst();
      if (i != null) {
        real = i.consumer();
      }
    }
    if (real == null) {
      real = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    return pooled(real, idle);
  }

  @SuppressWarnings("unchecked")
  /** Closes the idle consumers of {@code bootstrapServers} now (their pipeline has stopped). */
  static void closeIdle(String bootstrapServers) {
    IDLE.forEach((key, idle) -> {
      if (key.contains("bootstrap.servers=" + bootstrapServers)) {
        List<Idle> all;
        synchronized (idle) {
          all = new ArrayList<>(idle);
          idle.clear();
        }
        all.forEach(i -> i.consumer().close(Duration.ofSeconds(5)));
      }
    });
  }

  private static void closeIdle() {
    long now = System.nanoTime();
    for (Deque<Idle> idle : IDLE.values()) {
      List<Idle> stale = new ArrayList<>();
      synchronized (idle) {
        idle.removeIf(i -> now - i.sinceNanos() > IDLE_CLOSE_NANOS && stale.add(i));
      }
      stale.forEach(i -> i.consumer().close(Duration.ofSeconds(5)));
    }
  }

  private static Consumer<byte[], byte[]> pooled(Consumer<byte[], byte[]> real, Deque<Idle> idle) {
    InvocationHandler handler = new InvocationHandler() {
      private boolean released;
      private volatile boolean wokenUp;

      @Override
      public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close")) {
          release();
          return null;
        }
        if (method.getName().equals("wakeup")) {
          wokenUp = true;
        }
        if (method.getDeclaringClass() == Object.class) {
          return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "pooled " + real;
          };
        }
        if (released) {
          throw new IllegalStateException("this consumer was returned to the pool");
        }
        try {
          return method.invoke(real, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }

      private synchronized void release() {
        if (released) {
          return;
        }
        released = true;
        if (wokenUp) {
          // the reader's close() wakes its consumers up; a wakeup still pending would abort the next owner's first
          // request. Any request that polls the network client consumes it.
          try {
            real.listTopics(Duration.ZERO);
          } catch (WakeupException | org.apache.kafka.common.errors.TimeoutException expected) {
            // cleared (or there was none left)
          } catch (RuntimeException e) {
            real.close(Duration.ofSeconds(5));
            return;
          }
        }
        real.unsubscribe();
        boolean kept;
        synchronized (idle) {
          kept = idle.size() < MAX_IDLE && idle.offerFirst(new Idle(real, System.nanoTime()));
        }
        if (!kept) {
          real.close(Duration.ofSeconds(5));
        }
      }
    };
    return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
        new Class<?>[] {Consumer.class}, handler);
  }
}
