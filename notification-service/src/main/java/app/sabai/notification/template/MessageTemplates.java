package app.sabai.notification.template;

import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Money;
import app.sabai.notification.booking.BookingDetails;
import app.sabai.notification.booking.Message;
import app.sabai.notification.booking.MessageFacts;
import app.sabai.notification.booking.Notice;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.chrono.ThaiBuddhistChronology;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders messages from the {@code templates/notifications*.properties} bundles, in the customer's
 * language when there is a bundle for it and in English otherwise. Times are shown in the branch's zone,
 * in the language's own date format, followed by the zone; amounts in their currency ({@link MoneyFormat}).
 * An SMS is the notice's short {@code .sms} text; an email its subject and body. Templates use named
 * placeholders such as {@code {start}}; they are read as written, not through {@code MessageFormat}. A
 * paragraph that renders empty (no fee to mention) leaves no gap.
 */
@Component
public class MessageTemplates {

    static final String BUNDLE = "templates/notifications";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final Pattern GAP = Pattern.compile("\n{3,}");
    private static final ZoneId UNKNOWN_ZONE = ZoneId.of("UTC");
    private static final String CONFIRMED = "CONFIRMED";
    private static final String CANCELLED = "CANCELLED";

    private final ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();

    public MessageTemplates() {
        bundle.setBasename(BUNDLE);
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
    }

    public RenderedMessage render(Message message, BookingDetails details, String branchName) {
        Locale locale = localeOf(details.customer());
        ZoneId zone = details.zone() == null ? UNKNOWN_ZONE : details.zone();
        DateTimeFormatter times = timeFormat(locale);
        MessageFacts facts = message.facts();
        String template = templateOf(message.notice());

        Map<String, String> values = new HashMap<>();
        values.put("name", orElse(details.customer() == null ? null : details.customer().name(), text("fallback.name", locale)));
        values.put("start", time(details.start(), zone, times, locale));
        values.put("previousStart", time(facts.previousStart(), zone, times, locale));
        values.put("branch", orElse(branchName, details.branchId()));
        values.put("technique", details.technique() == null
                ? text("fallback.technique", locale)
                : text("technique." + details.technique().name(), locale));
        values.put("duration", details.durationMinutes() == null ? "-" : details.durationMinutes().toString());
        values.put("therapist", orElse(details.therapistName(), text("fallback.therapist", locale)));
        values.put("therapistChange", therapistChange(values.get("therapist"), facts.previousTherapistName(), locale));
        values.put("reason", reason(facts.reason(), facts.detail(), locale));
        values.put("alternatives", alternatives(facts.alternatives(), zone, times, locale, ""));
        values.put("fee", facts.fee() == null ? "" : money(facts.fee(), locale));
        values.put("feeNotice", feeNotice(template, facts.fee(), values.get("fee"), locale));
        values.put("expiresAt", time(facts.offerExpiresAt(), zone, times, locale));
        values.put("sessions", sessions(facts.sessions(), zone, times, locale));
        values.put("sessionCount", Integer.toString(facts.sessions().size()));
        values.put("confirmedCount", Long.toString(facts.sessions().stream().filter(MessageTemplates::confirmed).count()));

        String subject = fill(template + ".subject", locale, values);
        String body = message.channel() == Channel.SMS && has(template + ".sms", locale)
                ? fill(template + ".sms", locale, values)
                : fill(template + ".body", locale, values);
        return new RenderedMessage(subject, tidy(body));
    }

    static String templateOf(Notice notice) {
        return notice.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** An amount as the customer reads it: {@code money.format.<CURRENCY>} of their language, else {@code money.format}. */
    String money(Money money, Locale locale) {
        String pattern = bundle.getMessage("money.format." + money.currency().trim().toUpperCase(Locale.ROOT), null, null, locale);
        return MoneyFormat.format(money, locale, pattern != null ? pattern : text("money.format", locale));
    }

    private static Locale localeOf(Customer customer) {
        String language = customer == null ? null : customer.language();
        return language == null || language.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(language.trim());
    }

    private DateTimeFormatter timeFormat(Locale locale) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(text("format.start", locale), locale);
        // Thai readers expect the Buddhist era (2026 is B.E. 2569).
        return "buddhist".equals(text("format.calendar", locale)) ? formatter.withChronology(ThaiBuddhistChronology.INSTANCE) : formatter;
    }

    private String time(Instant instant, ZoneId zone, DateTimeFormatter times, Locale locale) {
        return instant == null ? text("fallback.start", locale) : times.format(instant.atZone(zone));
    }

    /** The new therapist, and the one replaced when known (and not merely the same name). */
    private String therapistChange(String therapist, String previousTherapist, Locale locale) {
        if (previousTherapist == null || previousTherapist.isBlank() || previousTherapist.trim().equalsIgnoreCase(therapist.trim())) {
            return therapist;
        }
        return fill("therapist.instead-of", locale, Map.of("therapist", therapist, "previousTherapist", previousTherapist.trim()));
    }

    private String reason(String code, String detail, Locale locale) {
        if (code == null) {
            return "";
        }
        String reason = bundle.getMessage("reason." + code, null, code, locale);
        return detail == null || detail.isBlank() ? reason : reason + " (" + detail + ")";
    }

    /** {@code <template>.fee} when there is a fee, else {@code <template>.no-fee}; nothing when the notice has neither. */
    private String feeNotice(String template, Money fee, String formattedFee, Locale locale) {
        String key = template + (fee == null ? ".no-fee" : ".fee");
        return has(key, locale) ? fill(key, locale, Map.of("fee", formattedFee)) : "";
    }

    private String alternatives(List<Alternative> alternatives, ZoneId zone, DateTimeFormatter times, Locale locale, String indent) {
        if (alternatives.isEmpty()) {
            return indent + text("alternatives.none", locale);
        }
        StringBuilder block = new StringBuilder(indent).append(text("alternatives.intro", locale));
        for (Alternative alternative : alternatives) {
            block.append('\n').append(indent).append(fill("alternatives.line", locale, Map.of(
                    "start", time(alternative.start(), zone, times, locale),
                    "therapist", orElse(alternative.therapistName(), text("fallback.therapist", locale)))));
        }
        return block.toString();
    }

    /** One line per session of a course, in order; one not booked says why, and lists the free times offered instead. */
    private String sessions(List<CourseDecided.Session> sessions, ZoneId zone, DateTimeFormatter times, Locale locale) {
        StringBuilder block = new StringBuilder();
        int number = 0;
        for (CourseDecided.Session session : sessions) {
            number++;
            if (!block.isEmpty()) {
                block.append('\n');
            }
            Map<String, String> values = Map.of(
                    "number", Integer.toString(number),
                    "start", time(session.start(), zone, times, locale),
                    "therapist", orElse(session.therapistName(), text("fallback.therapist", locale)),
                    "reason", session.reason() == null ? text("reason.OTHER", locale)
                            : reason(session.reason().name(), session.detail(), locale));
            if (confirmed(session)) {
                block.append(fill("course.session.confirmed", locale, values));
            } else if (CANCELLED.equalsIgnoreCase(session.status())) {
                block.append(fill("course.session.cancelled", locale, values));
            } else {
                block.append(fill("course.session.not-booked", locale, values))
                        .append('\n').append(alternatives(session.alternatives(), zone, times, locale, "   "));
            }
        }
        return block.toString();
    }

    private static boolean confirmed(CourseDecided.Session session) {
        return CONFIRMED.equalsIgnoreCase(session.status());
    }

    private String fill(String key, Locale locale, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(text(key, locale));
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException("Template " + key + " uses an unknown placeholder " + placeholder.group());
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(filled).toString();
    }

    private static String tidy(String text) {
        return GAP.matcher(text).replaceAll("\n\n").strip();
    }

    private boolean has(String key, Locale locale) {
        return bundle.getMessage(key, null, null, locale) != null;
    }

    private String text(String key, Locale locale) {
        return bundle.getMessage(key, null, locale);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
