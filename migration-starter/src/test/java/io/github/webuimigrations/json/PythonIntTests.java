package io.github.webuimigrations.json;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PythonInt} against what CPython's {@code int()} answers for the same parsed JSON.
 */
class PythonIntTests {

	@Test
	void numbersAndBools() {
		assertThat(PythonInt.of(PythonJson.parse("1700000000"))).isEqualTo(1700000000);
		assertThat(PythonInt.of(PythonJson.parse("-5"))).isEqualTo(-5);
		assertThat(PythonInt.of(PythonJson.parse("123456789012345678901234567890")))
			.isEqualTo(new BigInteger("123456789012345678901234567890"));
		assertThat(PythonInt.of(PythonJson.parse("1700002000.9"))).isEqualTo(1700002000);
		assertThat(PythonInt.of(PythonJson.parse("-1.9"))).isEqualTo(-1);
		assertThat(PythonInt.of(PythonJson.parse("-0.5"))).isEqualTo(0);
		assertThat(PythonInt.of(PythonJson.parse("1e20"))).isEqualTo(new BigInteger("100000000000000000000"));
		assertThat(PythonInt.of(true)).isEqualTo(1);
		assertThat(PythonInt.of(false)).isEqualTo(0);
	}

	@Test
	void textOfAnIntegerAsPythonReadsIt() {
		assertThat(PythonInt.of(" 1700004000 ")).isEqualTo(1700004000);
		assertThat(PythonInt.of("\t\n+42\r\u000b\f")).isEqualTo(42);
		assertThat(PythonInt.of("-7")).isEqualTo(-7);
		assertThat(PythonInt.of("1_700_005_000")).isEqualTo(1700005000);
		assertThat(PythonInt.of("007")).isEqualTo(7);
		// any Unicode decimal digit and any Unicode space, as str.isdecimal() and str.isspace()
		assertThat(PythonInt.of("\u00a0\u0661\u0662\u0663\u2003")).isEqualTo(123);
		assertThat(PythonInt.of("\u3000\uff19\u0085")).isEqualTo(9);
		assertThat(PythonInt.of("\ud835\udfd7")).isEqualTo(9);
	}

	@Test
	void whatPythonRefusesWithTypeOrValueError() {
		for (String text : new String[] { "", " ", "1700.5", "1e5", "0x10", "1__0", "_1", "1_", "+_1", "- 5", "+-5",
				"5 5", "five", "\u00b2", "\u2160" }) {
			assertThat(PythonInt.of(text)).as(text).isNull();
		}
		assertThat(PythonInt.of(null)).isNull();
		assertThat(PythonInt.of(PythonJson.parse("NaN"))).isNull();
		assertThat(PythonInt.of(PythonJson.parse("{\"a\": 1}"))).isNull();
		assertThat(PythonInt.of(PythonJson.parse("[1]"))).isNull();
	}

	@Test
	void infinityOverflowsAsInPython() {
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> PythonInt.of(PythonJson.parse("1e400")));
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> PythonInt.of(PythonJson.parse("-Infinity")));
	}

}
