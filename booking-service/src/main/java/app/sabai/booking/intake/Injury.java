package app.sabai.booking.intake;

import app.sabai.contracts.values.BodyArea;

/** An injury at a body area; {@code acute} covers a fresh injury and an inflammation alike. */
public record Injury(BodyArea area, boolean acute, String description) {
}
