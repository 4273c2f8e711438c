package app.sabai.booking.reminders;

import app.sabai.contracts.notifications.Channel;

import java.time.Instant;

/**
 * A reminder notification-service holds for the booking; {@code leadTime} is ISO-8601, such as {@code PT2H}.
 * (Not named {@code id}: Spring Data would store a nested {@code id} as {@code _id}.)
 */
public record Reminder(String reminderId, String leadTime, Instant at, Channel channel, ReminderStatus status) {
}
