package io.socketway.metrics;

import io.socketway.api.AlarmDefinition;
import java.time.Instant;

/**
 * One alarm's current state, as {@code GET /_socketway/alarms} lists it.
 *
 * @param definition the alarm as the template defines it
 * @param state its state
 * @param reason why it is in that state, worded like CloudWatch's {@code StateReason}
 * @param updatedAt when it entered that state
 */
public record AlarmStatus(AlarmDefinition definition, AlarmState state, String reason, Instant updatedAt) {}
