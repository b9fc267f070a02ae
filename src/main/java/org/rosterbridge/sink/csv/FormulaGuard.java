package org.rosterbridge.sink.csv;

/**
 * What is done to free text ({@code formulaGuard: true} columns: names, titles, locations) that a spreadsheet would
 * run as a formula, because school staff often open these files in one ({@code csv.formula-guard}). Identifiers,
 * dates, phone numbers ({@code +44 ...}) and e-mail addresses are never touched: importers match on them.
 */
public enum FormulaGuard {
    /** Written exactly as the source has it. */
    NONE,
    /**
     * A cell that starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, which a
     * spreadsheet shows as text and never evaluates (the OWASP advice for CSV injection). The default.
     */
    PREFIX;

    private static final String TRIGGERS = "=+-@\t\r";

    /** Whether a spreadsheet would read the text as a formula. */
    static boolean formula(String text) {
        return !text.isEmpty() && TRIGGERS.indexOf(text.charAt(0)) >= 0;
    }

    /** The cell text to write; the same text when nothing needed guarding. */
    String apply(String text) {
        return this == PREFIX && formula(text) ? "'" + text : text;
    }
}
