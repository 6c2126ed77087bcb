package com.evalue.ingestion.tesla;

import com.evalue.io.deadletter.DeadLetter;
import com.evalue.transforms.model.Envelope;
import javax.annotation.Nullable;

/**
 * One decoded Kafka record on its way to durable storage: its offset, and either its envelope or its dead letter.
 * Both kinds count for the offset commit (sources.md §1.7): a record is done when its temp object or its dead
 * letter is written.
 */
record Item(long offset, @Nullable Envelope envelope, @Nullable DeadLetter deadLetter) {}
