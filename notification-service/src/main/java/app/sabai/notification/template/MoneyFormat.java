package app.sabai.notification.template;

import app.sabai.contracts.values.Money;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Amounts as a customer reads them: the currency's own symbol (the one used where it is at home: £ for GBP,
 * $ for USD, ฿ for THB), the number in the customer's language, and the minor unit only when there is one
 * (£12.50, £30, ฿450). {@code pattern} places them ({@code {symbol}{amount}}, or {@code {amount} บาท} for
 * baht in Thai).
 */
final class MoneyFormat {

    private static final Map<String, String> HOME_SYMBOLS = new ConcurrentHashMap<>();

    private MoneyFormat() {
    }

    static String format(Money money, Locale language, String pattern) {
        Currency currency;
        try {
            currency = Currency.getInstance(money.currency().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return BigDecimal.valueOf(money.amountMinor(), 2).toPlainString() + " " + money.currency();
        }
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        BigDecimal amount = BigDecimal.valueOf(money.amountMinor(), digits);
        NumberFormat number = NumberFormat.getNumberInstance(language);
        boolean whole = amount.signum() == 0 || amount.stripTrailingZeros().scale() <= 0;
        number.setMinimumFractionDigits(whole ? 0 : digits);
        number.setMaximumFractionDigits(whole ? 0 : digits);
        return pattern.replace("{symbol}", symbol(currency, language)).replace("{amount}", number.format(amount));
    }

    /** The symbol where the currency is at home, in the customer's language when it is spoken there, else in English or any. */
    static String symbol(Currency currency, Locale language) {
        return HOME_SYMBOLS.computeIfAbsent(currency.getCurrencyCode() + "/" + language.getLanguage(), key -> homeLocale(currency, language)
                .map(currency::getSymbol)
                .orElseGet(() -> currency.getSymbol(language)));
    }

    private static Optional<Locale> homeLocale(Currency currency, Locale language) {
        return Arrays.stream(Locale.getAvailableLocales())
                .filter(locale -> !locale.getCountry().isEmpty() && locale.getVariant().isEmpty() && locale.getScript().isEmpty()
                        && locale.getUnicodeLocaleKeys().isEmpty())
                .filter(locale -> currency.equals(currencyOf(locale)))
                .min(Comparator.<Locale>comparingInt(locale -> preference(locale, currency, language)).thenComparing(Locale::toString));
    }

    /**
     * The country a national currency is named after first (ISO 4217 codes begin with it: GB, US, TH), in the
     * customer's language, then in English, then any; then any other country using it.
     */
    private static int preference(Locale locale, Currency currency, Locale language) {
        int country = locale.getCountry().equals(currency.getCurrencyCode().substring(0, 2)) ? 0 : 3;
        int spoken = locale.getLanguage().equals(language.getLanguage()) ? 0 : locale.getLanguage().equals("en") ? 1 : 2;
        return country + spoken;
    }

    private static Currency currencyOf(Locale locale) {
        try {
            return Currency.getInstance(locale);
        } catch (IllegalArgumentException noCurrency) {
            return null;
        }
    }
}
