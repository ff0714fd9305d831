package io.github.webuimigrations.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code int(x)} applied to a value {@link PythonJson#parse} returned: an integer as
 * it is, a float truncated toward zero, a bool as 0 or 1, a string of a base-10 integer with
 * optional surrounding whitespace and single {@code _} between digits (any Unicode decimal
 * digit counts, as in Python).
 *
 * @author webui-migrations
 */
public final class PythonInt {

	private PythonInt() {
	}

	/**
	 * {@code int(value)}.
	 * @param value a parsed JSON value
	 * @return the integer, or {@code null} where Python raises {@code TypeError} or
	 * {@code ValueError} (null, objects, lists, NaN, text that is not an integer)
	 * @throws ArithmeticException where Python raises {@code OverflowError}: an infinite float
	 */
	public static BigInteger of(Object value) {
		if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
			return null;
		}
		if (value instanceof Boolean bool) {
			return bool ? BigInteger.ONE : BigInteger.ZERO;
		}
		if (value instanceof BigInteger integer) {
			return integer;
		}
		if (value instanceof Double number) {
			if (number.isNaN()) {
				return null;
			}
			if (number.isInfinite()) {
				throw new ArithmeticException("cannot convert float infinity to integer");
			}
			return new BigDecimal(number).toBigInteger();
		}
		if (value instanceof Number number) {
			return BigInteger.valueOf(number.longValue());
		}
		return (value instanceof String text) ? parse(text) : null;
	}

	private static BigInteger parse(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isSpace(text.charAt(start))) {
			start++;
		}
		while (end > start && isSpace(text.charAt(end - 1))) {
			end--;
		}
		StringBuilder digits = new StringBuilder(end - start);
		int at = start;
		if (at < end && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
			if (text.charAt(at) == '-') {
				digits.append('-');
			}
			at++;
		}
		boolean afterDigit = false;
		while (at < end) {
			int codePoint = text.codePointAt(at);
			at += Character.charCount(codePoint);
			if (codePoint == '_' && afterDigit) {
				afterDigit = false;
			}
			else if (Character.isDigit(codePoint)) {
				digits.append((char) ('0' + Character.digit(codePoint, 10)));
				afterDigit = true;
			}
			else {
				return null;
			}
		}
		return afterDigit ? new BigInteger(digits.toString()) : null;
	}

	/** Python's {@code str.isspace()} for one character. */
	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
	}

}
