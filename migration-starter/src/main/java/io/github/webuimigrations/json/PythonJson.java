package io.github.webuimigrations.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read and written exactly as Python's {@code json} module does with its defaults, so
 * that open-webui reads back what we write byte for byte: {@code ", "} and {@code ": "}
 * separators, non-ASCII escaped as {@code \\uXXXX}, floats in {@code repr} form, and
 * {@code NaN}/{@code Infinity} accepted. Objects keep their key order (a later duplicate key
 * wins, in the first one's place, as in a Python dict).
 *
 * @author webui-migrations
 */
public final class PythonJson {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private PythonJson() {
	}

	/**
	 * Parse JSON text as {@code json.loads} does.
	 * @param text the JSON text
	 * @return a {@link Map}, {@link List}, {@link String}, {@link Long}, {@link BigInteger},
	 * {@link Double}, {@link Boolean} or {@code null}
	 * @throws InvalidJsonException if the text is not JSON that Python accepts
	 */
	public static Object parse(String text) {
		return parseNoting(text).value();
	}

	/**
	 * Parse JSON text given as UTF-8 bytes (as a database stores it), as {@code json.loads}
	 * does.
	 * @param utf8 the JSON text
	 * @return the value, as {@link #parse(String)}
	 * @throws InvalidJsonException if the text is not JSON that Python accepts
	 */
	public static Object parse(byte[] utf8) {
		return parseNoting(utf8).value();
	}

	/**
	 * Parse JSON text as {@code json.loads} does, noting whether {@link #dumps} gives the text
	 * back unchanged (then it need not be written again). A lone surrogate in the text itself
	 * (which no database returns) reads as {@code ?}; escaped ones are kept.
	 * @param text the JSON text
	 * @return the value, and whether the text is exactly what {@code json.dumps} writes for it
	 * @throws InvalidJsonException if the text is not JSON that Python accepts
	 */
	public static Parsed parseNoting(String text) {
		return parseNoting(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Parse JSON text given as UTF-8 bytes, noting whether {@link #dumps} gives the text back
	 * unchanged; as {@link #parseNoting(String)}.
	 * @param utf8 the JSON text
	 * @return the value, and whether the text is exactly what {@code json.dumps} writes for it
	 * @throws InvalidJsonException if the text is not JSON that Python accepts
	 */
	public static Parsed parseNoting(byte[] utf8) {
		Parser parser = new Parser(utf8);
		parser.skipWhitespace();
		parser.canonical = parser.position == 0;
		Object value = parser.value();
		int end = parser.position;
		parser.skipWhitespace();
		if (parser.position != utf8.length) {
			throw parser.error("Extra data");
		}
		return new Parsed(value, parser.canonical && end == utf8.length);
	}

	/**
	 * A parsed value and whether its text is what {@link #dumps} writes for it.
	 * @param value the value
	 * @param canonical whether {@code dumps(value)} equals the text
	 */
	public record Parsed(Object value, boolean canonical) {
	}

	/**
	 * Write a value as {@code json.dumps} does with its defaults.
	 * @param value a value of the kinds {@link #parse} returns (any {@link Number} works)
	 * @return the JSON text
	 */
	public static String dumps(Object value) {
		// a message's many absent fields are null: no buffer for those
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder((value instanceof String string) ? string.length() + 16 : 256);
		write(value, out);
		return out.toString();
	}

	private static void write(Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String string) {
			writeString(string, out);
		}
		else if (value instanceof Boolean bool) {
			out.append(bool ? "true" : "false");
		}
		else if (value instanceof Double || value instanceof Float) {
			out.append(floatRepr(((Number) value).doubleValue()));
		}
		else if (value instanceof BigDecimal decimal) {
			out.append(floatRepr(decimal.doubleValue()));
		}
		else if (value instanceof Number number) {
			out.append(number);
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!first) {
					out.append(", ");
				}
				first = false;
				writeString(String.valueOf(entry.getKey()), out);
				out.append(": ");
				write(entry.getValue(), out);
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(", ");
				}
				write(list.get(i), out);
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
		}
	}

	private static void writeString(String string, StringBuilder out) {
		out.append('"');
		int run = 0;
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
				continue;
			}
			// printable ASCII is copied a run at a time, the rest escaped as ensure_ascii does
			out.append(string, run, i);
			run = i + 1;
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> out.append("\\u")
					.append(HEX[(c >> 12) & 0xF])
					.append(HEX[(c >> 8) & 0xF])
					.append(HEX[(c >> 4) & 0xF])
					.append(HEX[c & 0xF]);
			}
		}
		out.append(string, run, string.length());
		out.append('"');
	}

	/**
	 * Whether a value holds no NaN or infinite float, which PostgreSQL's {@code json} refuses.
	 * @param value a parsed value
	 * @return whether every float in it is finite
	 */
	public static boolean isFinite(Object value) {
		if (value instanceof Double number) {
			return Double.isFinite(number);
		}
		if (value instanceof Map<?, ?> map) {
			for (Object item : map.values()) {
				if (!isFinite(item)) {
					return false;
				}
			}
		}
		else if (value instanceof List<?> list) {
			for (Object item : list) {
				if (!isFinite(item)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * The value with NaN and infinite floats replaced by {@code null}, for PostgreSQL's
	 * {@code json} type, which refuses them.
	 * @param value a parsed value
	 * @return a copy without non-finite floats
	 */
	public static Object withoutNonFinite(Object value) {
		if (value instanceof Double number) {
			return Double.isFinite(number) ? number : null;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(String.valueOf(key), withoutNonFinite(item)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((item) -> copy.add(withoutNonFinite(item)));
			return copy;
		}
		return value;
	}

	/**
	 * Python's {@code repr} of a float: the shortest digits that round-trip, positional
	 * between 1e-4 and 1e16, else scientific with a signed two-digit exponent.
	 * @param value the float
	 * @return its Python text
	 */
	public static String floatRepr(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		if (value == 0) {
			return (1 / value < 0) ? "-0.0" : "0.0";
		}
		BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
		int exponent = decimal.precision() - decimal.scale() - 1;
		if (exponent >= -4 && exponent < 16) {
			String plain = decimal.toPlainString();
			return plain.contains(".") ? plain : plain + ".0";
		}
		String digits = decimal.unscaledValue().abs().toString();
		StringBuilder out = new StringBuilder();
		if (decimal.signum() < 0) {
			out.append('-');
		}
		out.append(digits.charAt(0));
		if (digits.length() > 1) {
			out.append('.').append(digits, 1, digits.length());
		}
		out.append('e').append((exponent < 0) ? '-' : '+');
		String magnitude = String.valueOf(Math.abs(exponent));
		out.append((magnitude.length() < 2) ? "0" + magnitude : magnitude);
		return out.toString();
	}

	/**
	 * JSON text that Python's {@code json.loads} rejects.
	 */
	public static class InvalidJsonException extends IllegalArgumentException {

		InvalidJsonException(String message) {
			super(message);
		}

	}

	/** Reads UTF-8 bytes: the text's own characters are decoded only where a string is cut out. */
	private static final class Parser {

		private final byte[] text;

		private final int length;

		private int position;

		/** Whether the text read so far is what dumps writes for what it holds. */
		private boolean canonical = true;

		/** Where strings with escapes are decoded, reused. */
		private char[] buffer;

		Parser(byte[] text) {
			this.text = text;
			this.length = text.length;
		}

		InvalidJsonException error(String message) {
			// Python counts characters, not bytes: every byte but a UTF-8 continuation byte starts one
			int characters = 0;
			for (int i = 0; i < this.position && i < this.length; i++) {
				characters += ((this.text[i] & 0xC0) != 0x80) ? 1 : 0;
			}
			return new InvalidJsonException(message + " at char " + characters);
		}

		void skipWhitespace() {
			while (this.position < this.length) {
				byte c = this.text[this.position];
				if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
					return;
				}
				this.position++;
			}
		}

		Object value() {
			if (this.position >= this.length) {
				throw error("Expecting value");
			}
			return switch (this.text[this.position]) {
				case '{' -> object();
				case '[' -> array();
				case '"' -> string();
				case 't' -> literal("true", Boolean.TRUE);
				case 'f' -> literal("false", Boolean.FALSE);
				case 'n' -> literal("null", null);
				case 'N' -> literal("NaN", Double.NaN);
				case 'I' -> literal("Infinity", Double.POSITIVE_INFINITY);
				default -> {
					if (startsWith("-Infinity")) {
						yield literal("-Infinity", Double.NEGATIVE_INFINITY);
					}
					yield number();
				}
			};
		}

		private boolean startsWith(String word) {
			if (this.position + word.length() > this.length) {
				return false;
			}
			for (int i = 0; i < word.length(); i++) {
				if (this.text[this.position + i] != word.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		private Object literal(String word, Object value) {
			if (!startsWith(word)) {
				throw error("Expecting value");
			}
			this.position += word.length();
			return value;
		}

		private Map<String, Object> object() {
			Map<String, Object> map = new LinkedHashMap<>();
			this.position++;
			noSpace();
			if (peek() == '}') {
				this.position++;
				return map;
			}
			while (true) {
				if (peek() != '"') {
					throw error("Expecting property name enclosed in double quotes");
				}
				String key = string();
				noSpace();
				if (peek() != ':') {
					throw error("Expecting ':' delimiter");
				}
				this.position++;
				oneSpace();
				int size = map.size();
				map.put(key, value());
				// a repeated key keeps its first place: dumps writes one
				this.canonical &= map.size() > size;
				noSpace();
				byte c = peek();
				this.position++;
				if (c == '}') {
					return map;
				}
				if (c != ',') {
					this.position--;
					throw error("Expecting ',' delimiter");
				}
				oneSpace();
			}
		}

		/** Skip whitespace where dumps writes none. */
		private void noSpace() {
			int start = this.position;
			skipWhitespace();
			this.canonical &= this.position == start;
		}

		/** Skip whitespace where dumps writes one space. */
		private void oneSpace() {
			int start = this.position;
			skipWhitespace();
			this.canonical &= this.position == start + 1 && this.text[start] == ' ';
		}

		private List<Object> array() {
			List<Object> list = new ArrayList<>();
			this.position++;
			noSpace();
			if (peek() == ']') {
				this.position++;
				return list;
			}
			while (true) {
				list.add(value());
				noSpace();
				byte c = peek();
				this.position++;
				if (c == ']') {
					return list;
				}
				if (c != ',') {
					this.position--;
					throw error("Expecting ',' delimiter");
				}
				oneSpace();
			}
		}

		private byte peek() {
			return (this.position < this.length) ? this.text[this.position] : 0;
		}

		private String string() {
			this.position++;
			int start = this.position;
			// most strings hold no escape: cut them out of the text in one piece
			for (int i = start; i < this.length; i++) {
				byte c = this.text[i];
				if (c == '"') {
					this.position = i + 1;
					return new String(this.text, start, i - start, StandardCharsets.UTF_8);
				}
				if (c == '\\' || (c >= 0 && c < 0x20)) {
					break;
				}
				// dumps escapes everything outside printable ASCII (bytes of other characters are negative)
				this.canonical &= c >= 0 && c <= '~';
			}
			// with escapes: the characters go to a buffer, at most one per byte of the text
			char[] out = buffer(this.length - start);
			int n = 0;
			while (true) {
				if (this.position >= this.length) {
					throw error("Unterminated string");
				}
				byte c = this.text[this.position++];
				if (c == '"') {
					return new String(out, 0, n);
				}
				if (c < 0) {
					// the bytes of characters beyond ASCII, decoded together
					this.canonical = false;
					int from = this.position - 1;
					while (this.position < this.length && this.text[this.position] < 0) {
						this.position++;
					}
					String run = new String(this.text, from, this.position - from, StandardCharsets.UTF_8);
					run.getChars(0, run.length(), out, n);
					n += run.length();
					continue;
				}
				if (c < 0x20) {
					this.position--;
					throw error("Invalid control character");
				}
				if (c != '\\') {
					this.canonical &= c <= '~';
					out[n++] = (char) c;
					continue;
				}
				if (this.position >= this.length) {
					throw error("Unterminated string");
				}
				byte escape = this.text[this.position++];
				out[n++] = switch (escape) {
					case '"' -> '"';
					case '\\' -> '\\';
					case '/' -> {
						this.canonical = false;
						yield '/';
					}
					case 'b' -> '\b';
					case 'f' -> '\f';
					case 'n' -> '\n';
					case 'r' -> '\r';
					case 't' -> '\t';
					case 'u' -> unicodeEscape();
					default -> throw error("Invalid \\escape");
				};
			}
		}

		/** The four hex digits after {@code \\u}. */
		private char unicodeEscape() {
			if (this.position + 4 > this.length) {
				throw error("Invalid \\uXXXX escape");
			}
			int code = 0;
			for (int i = this.position; i < this.position + 4; i++) {
				char digit = (char) (this.text[i] & 0xFF);
				int value = Character.digit(digit, 16);
				if (value < 0 || digit > 'f') {
					throw error("Invalid \\uXXXX escape");
				}
				// dumps writes lower-case hex
				this.canonical &= digit <= '9' || digit >= 'a';
				code = code * 16 + value;
			}
			char decoded = (char) code;
			// and \\u only for what has no short escape and is not printable ASCII
			this.canonical &= (decoded < ' ' || decoded > '~') && "\n\r\t\b\f".indexOf(decoded) < 0;
			this.position += 4;
			return decoded;
		}

		private char[] buffer(int size) {
			if (this.buffer == null || this.buffer.length < size) {
				this.buffer = new char[size];
			}
			return this.buffer;
		}

		private Object number() {
			int start = this.position;
			if (peek() == '-') {
				this.position++;
			}
			if (peek() == '0') {
				this.position++;
			}
			else if (peek() >= '1' && peek() <= '9') {
				digits();
			}
			else {
				this.position = start;
				throw error("Expecting value");
			}
			boolean integral = true;
			if (peek() == '.' && isDigit(this.position + 1)) {
				integral = false;
				this.position++;
				digits();
			}
			if ((peek() == 'e' || peek() == 'E')) {
				int mark = this.position;
				this.position++;
				if (peek() == '+' || peek() == '-') {
					this.position++;
				}
				if (isDigit(this.position)) {
					integral = false;
					digits();
				}
				else {
					this.position = mark;
				}
			}
			String number = new String(this.text, start, this.position - start, StandardCharsets.ISO_8859_1);
			if (!integral) {
				double value = Double.parseDouble(number);
				this.canonical = this.canonical && floatRepr(value).equals(number);
				return value;
			}
			Object value;
			if (number.length() <= 18) {
				value = Long.parseLong(number);
			}
			else {
				BigInteger big = new BigInteger(number);
				value = (big.bitLength() < 64) ? (Object) big.longValue() : big;
			}
			// "-0" is 0
			this.canonical = this.canonical && (number.charAt(0) != '-' || number.length() > 2 || number.charAt(1) != '0');
			return value;
		}

		private boolean isDigit(int index) {
			return index < this.length && this.text[index] >= '0' && this.text[index] <= '9';
		}

		private void digits() {
			while (isDigit(this.position)) {
				this.position++;
			}
		}

	}

}
