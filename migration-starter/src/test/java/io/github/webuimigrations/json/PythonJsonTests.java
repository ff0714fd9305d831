package io.github.webuimigrations.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * JSON as Python's json module reads and writes it with its defaults.
 */
class PythonJsonTests {

	@Test
	void dumpsUsesPythonSeparatorsAndAsciiEscapes() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("b", List.of(1, "\u00fc\u4e2d\uD83D\uDE80", true));
		value.put("a", null);
		value.put("c", "quote\" back\\ nl\n tab\t del\u007f ctl\u0001");
		assertThat(PythonJson.dumps(value)).isEqualTo("{\"b\": [1, \"\\u00fc\\u4e2d\\ud83d\\ude80\", true], \"a\": null, "
				+ "\"c\": \"quote\\\" back\\\\ nl\\n tab\\t del\\u007f ctl\\u0001\"}");
		assertThat(PythonJson.dumps(List.of())).isEqualTo("[]");
		assertThat(PythonJson.dumps(Map.of())).isEqualTo("{}");
	}

	@Test
	void floatsAreWrittenAsPythonRepr() {
		assertThat(PythonJson.floatRepr(0.7)).isEqualTo("0.7");
		assertThat(PythonJson.floatRepr(1.0)).isEqualTo("1.0");
		assertThat(PythonJson.floatRepr(-0.0)).isEqualTo("-0.0");
		assertThat(PythonJson.floatRepr(1e-5)).isEqualTo("1e-05");
		assertThat(PythonJson.floatRepr(0.0001)).isEqualTo("0.0001");
		assertThat(PythonJson.floatRepr(1e16)).isEqualTo("1e+16");
		assertThat(PythonJson.floatRepr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
		assertThat(PythonJson.floatRepr(1234567890123456.0)).isEqualTo("1234567890123456.0");
		assertThat(PythonJson.floatRepr(Double.NaN)).isEqualTo("NaN");
		assertThat(PythonJson.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
	}

	@Test
	void parseAcceptsWhatPythonAccepts() {
		assertThat(PythonJson.parse(" {\"a\": 1, \"a\": 2, \"b\": [NaN, -Infinity, 1.5e3, 12345678901234567890]} "))
			.isEqualTo(Map.of("a", 2L, "b", List.of(Double.NaN, Double.NEGATIVE_INFINITY, 1500.0,
					new BigInteger("12345678901234567890"))));
		assertThat(PythonJson.parse("\"\\u00fc\\ud83d\\ude80\"")).isEqualTo("\u00fc\uD83D\uDE80");
		assertThat(PythonJson.parse("null")).isNull();
	}

	@Test
	void parseRejectsWhatPythonRejects() {
		for (String invalid : new String[] { "", "{", "{'a': 1}", "[1,]", "01", "\"a\tb\"", "nul", "[1] x", "{\"a\" 1}" }) {
			assertThatExceptionOfType(PythonJson.InvalidJsonException.class).as(invalid)
				.isThrownBy(() -> PythonJson.parse(invalid));
		}
	}

	@Test
	void finiteLooksAtNumbersNotAtText() {
		assertThat(PythonJson.isFinite(PythonJson.parse("{\"a\": [1.5, \"NaN Infinity\"]}"))).isTrue();
		assertThat(PythonJson.isFinite(PythonJson.parse("{\"a\": [1.5, {\"b\": NaN}]}"))).isFalse();
		assertThat(PythonJson.dumps(PythonJson.withoutNonFinite(PythonJson.parse("[Infinity, 2.0]")))).isEqualTo("[null, 2.0]");
	}

	@Test
	void roundTripKeepsKeyOrder() {
		String text = "{\"z\": 1, \"a\": {\"y\": [1.5, \"x\"], \"b\": false}}";
		assertThat(PythonJson.dumps(PythonJson.parse(text))).isEqualTo(text);
	}

	@Test
	void escapesAnywhereInAStringSurviveARoundTrip() {
		// plain runs are copied whole: escapes at the start, middle and end must all be kept
		String text = "[\"\\\"quoted\\\" and \\\\ and \\n\", \"plain\", \"\\u00e9t\\u00e9 \\ud83d\\ude80\", \"end\\t\", \"\\u0001\"]";
		Object parsed = PythonJson.parse(text);
		assertThat(parsed).isEqualTo(List.of("\"quoted\" and \\ and \n", "plain", "\u00e9t\u00e9 \uD83D\uDE80", "end\t", "\u0001"));
		assertThat(PythonJson.dumps(parsed)).isEqualTo(text);
		assertThat(PythonJson.parse("\"a\\/b\"")).isEqualTo("a/b");
		assertThatExceptionOfType(PythonJson.InvalidJsonException.class).isThrownBy(() -> PythonJson.parse("\"ab"))
			.withMessageContaining("Unterminated string");
		assertThatExceptionOfType(PythonJson.InvalidJsonException.class).isThrownBy(() -> PythonJson.parse("\"a\nb\""))
			.withMessageContaining("Invalid control character at char 2");
	}

	@Test
	void theUtf8BytesADatabaseReturnsParseAsTheirText() {
		// raw characters beyond ASCII beside escapes, in keys and values, and text that is not UTF-8
		List<String> texts = List.of("{\"k\u00e9y\": \"Gr\u00fc\u00dfe \u2013 \ud83d\ude80\"}",
				"{\"kéy\": \"Grüße \\n– \uD83D\uDE80 日本\", \"n\": [1, 2.5, \"é\\t\"]}",
				"[\"Русский \\\"q\\\" \\u00e9\", \"\"]");
		for (String text : texts) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			assertThat(PythonJson.parse(utf8)).as(text).isEqualTo(PythonJson.parse(text));
			assertThat(PythonJson.parseNoting(utf8).canonical()).as(text).isEqualTo(PythonJson.parseNoting(text).canonical());
		}
		byte[] broken = { '[', '"', 'a', (byte) 0xC3, '"', ',', ' ', '"', (byte) 0xFF, '\\', 'n', '"', ']' };
		assertThat(PythonJson.parse(broken)).isEqualTo(List.of("a\uFFFD", "\uFFFD\n"));
		// Python counts characters: one for the rocket, although UTF-8 gives it four bytes
		assertThatExceptionOfType(PythonJson.InvalidJsonException.class)
			.isThrownBy(() -> PythonJson.parse("[\"\uD83D\uDE80\", x]".getBytes(StandardCharsets.UTF_8)))
			.withMessageEndingWith("at char 6");
	}

	@Test
	void parseNotingTellsExactlyWhenDumpsGivesTheTextBack() {
		List<String> texts = List.of("{}", "[]", "{ }", "[ ]", " {}", "{} ", "{\"a\": 1}", "{\"a\":1}", "{\"a\" : 1}",
				"{\"a\":  1}", "{\"a\": 1,\"b\": 2}", "{\"a\": 1, \"b\": 2}", "{\"a\": 1,  \"b\": 2}", "[1, 2]", "[1,2]",
				"[1 , 2]", "{\"a\": 1, \"a\": 2}", "{\"a\": 1, \"b\": 2, \"a\": 3}", "0", "-0", "-1", "10", "1.0", "1.50",
				"1.5", "1e5", "1E5", "100000.0", "1e+16", "1e16", "1e-05", "0.0001", "-0.0", "1.7976931348623157e+308",
				"123456789012345678901234567890", "-9223372036854775808", "NaN", "Infinity", "-Infinity", "true", "null",
				"\"\"", "\"plain\"", "\"\\u00e9\"", "\"\\u00E9\"", "\"\\u00c9t\\u00e9\"", "\"é\"", "\"a\\/b\"",
				"\"\\n\"", "\"\\u000a\"", "\"\\u0041\"", "\"\\u0022\"", "\"\\\"\"", "\"\\u007f\"", "\"\\u0001\"",
				"\"\\ud83d\\ude80\"", "\"\\uD83D\\uDE80\"", "\"a\\tb\"", "\"tab\tinside\"".replace("\t", "\\t"),
				"{\"k\\u00e9y\": [1.25, {\"x\": null}], \"z\": \"\\\\\"}",
				"{\"kéy\": 1}");
		for (String text : texts) {
			PythonJson.Parsed parsed = PythonJson.parseNoting(text);
			assertThat(parsed.canonical()).as(text).isEqualTo(PythonJson.dumps(parsed.value()).equals(text));
			assertThat(parsed.value()).as(text).isEqualTo(PythonJson.parse(text));
		}
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 2000; i++) {
			String text = PythonJson.dumps(randomValue(random, 3));
			assertThat(PythonJson.parseNoting(text).canonical()).as(text).isTrue();
			// one character changed or a space added: the answer must still be exactly dumps' comparison
			int at = random.nextInt(text.length() + 1);
			String changed = (random.nextBoolean()) ? text.substring(0, at) + " " + text.substring(at)
					: text.substring(0, Math.max(0, at - 1)) + "E".repeat((at > 0) ? 1 : 0) + text.substring(at);
			try {
				PythonJson.Parsed parsed = PythonJson.parseNoting(changed);
				assertThat(parsed.canonical()).as(changed).isEqualTo(PythonJson.dumps(parsed.value()).equals(changed));
			}
			catch (PythonJson.InvalidJsonException ex) {
				// not JSON any more: nothing to compare
			}
		}
	}

	private static Object randomValue(java.util.Random random, int depth) {
		int kind = random.nextInt((depth > 0) ? 8 : 6);
		return switch (kind) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> random.nextLong() >> random.nextInt(64);
			case 3 -> (random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)
					: (double) random.nextInt(1000));
			case 4, 5 -> {
				StringBuilder text = new StringBuilder();
				String alphabet = "ab \"\\/\n\t\u0001\u007f\u00e9\u4e2d\uD83D\uDE80eE";
				for (int i = random.nextInt(6); i > 0; i--) {
					text.append(alphabet.charAt(random.nextInt(alphabet.length())));
				}
				yield text.toString();
			}
			case 6 -> {
				List<Object> list = new java.util.ArrayList<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					list.add(randomValue(random, depth - 1));
				}
				yield list;
			}
			default -> {
				Map<String, Object> map = new LinkedHashMap<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					map.put((randomValue(random, 0) instanceof String key) ? key : "k" + i, randomValue(random, depth - 1));
				}
				yield map;
			}
		};
	}

}
