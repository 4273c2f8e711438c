package app.sabai.notification.template;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;
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
 * in the language's own date format, followed by the zone. Templates use named placeholders such as
 * {@code {start}}; they are read as written, not through {@code MessageFormat}.
 */
@Component
public class MessageTemplates {

    static final String BUNDLE = "templates/notifications";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final ZoneId UNKNOWN_ZONE = ZoneId.of("UTC");

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
        values.put("reason", reason(facts, locale));
        values.put("alternatives", alternatives(facts.alternatives(), zone, times, locale));

        String template = templateOf(message.notice());
        return new RenderedMessage(fill(template + ".subject", locale, values), fill(template + ".body", locale, values));
    }

    static String templateOf(Notice notice) {
        return notice.name().toLowerCase(Locale.ROOT).replace('_', '-');
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

    private String reason(MessageFacts facts, Locale locale) {
        if (facts.reason() == null) {
            return "";
        }
        String reason = bundle.getMessage("reason." + facts.reason(), null, facts.reason(), locale);
        return facts.detail() == null || facts.detail().isBlank() ? reason : reason + " (" + facts.detail() + ")";
    }

    private String alternatives(List<Alternative> alternatives, ZoneId zone, DateTimeFormatter times, Locale locale) {
        if (alternatives.isEmpty()) {
            return text("alternatives.none", locale);
        }
        StringBuilder block = new StringBuilder(text("alternatives.intro", locale));
        for (Alternative alternative : alternatives) {
            block.append('\n').append(fill("alternatives.line", locale, Map.of(
                    "start", time(alternative.start(), zone, times, locale),
                    "therapist", orElse(alternative.therapistName(), text("fallback.therapist", locale)))));
        }
        return block.toString();
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

    private String text(String key, Locale locale) {
        return bundle.getMessage(key, null, locale);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
