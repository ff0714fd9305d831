package io.github.webuimigrations.json;

import java.math.BigInteger;
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

}
