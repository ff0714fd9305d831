package io.github.webuimigrations.legacy.modelfile;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The legacy modelfile parser behaves as upstream's regular expressions do.
 */
class OllamaModelfileTests {

	@Test
	void specExample() {
		OllamaModelfile parsed = OllamaModelfile
			.parse("FROM llama3\nPARAMETER temperature 0.7\nPARAMETER stop \"<|end|>\"\nSYSTEM \"\"\"You are Mario\"\"\"");
		assertThat(parsed.baseModelId()).isEqualTo("llama3");
		assertThat(parsed.params()).containsExactly(Map.entry("stop", List.of("<|end|>")), Map.entry("temperature", 0.7),
				Map.entry("system", "You are Mario"));
	}

	@Test
	void fromTakesOnlyWordCharacters() {
		assertThat(OllamaModelfile.parse("FROM llama3:8b").baseModelId()).isEqualTo("llama3");
		assertThat(OllamaModelfile.parse("from mistral/7b").baseModelId()).isEqualTo("mistral");
		assertThat(OllamaModelfile.parse("FROM ./x.gguf").baseModelId()).isNull();
		assertThat(OllamaModelfile.parse("# comment\n  FROM x\nFROM y").baseModelId()).isEqualTo("y");
		assertThat(OllamaModelfile.parse("FROM caf\u00e9:1").baseModelId()).isEqualTo("caf\u00e9");
	}

	@Test
	void templateReplacesParamsAndLineSystemMatchesInsideOtherText() {
		OllamaModelfile parsed = OllamaModelfile
			.parse("FROM mistral:7b-instruct\nTEMPLATE \"\"\"{{ .System }} {{ .Prompt }}\"\"\"\nPARAMETER top_k notanint\n");
		assertThat(parsed.params()).containsExactly(Map.entry("template", "{{ .System }} {{ .Prompt }}"),
				Map.entry("system", "}} {{ .Prompt }}\"\"\""));
		assertThat(parsed.skipped()).containsExactly("top_k");
	}

	@Test
	void firstMatchOfEachParameterWinsAndStopCollectsAll() {
		OllamaModelfile parsed = OllamaModelfile
			.parse("parameter TEMPERATURE 1\nPARAMETER temperature 2\nPARAMETER stop \"a\"\nPARAMETER STOP \"\"\n");
		assertThat(parsed.params()).containsEntry("temperature", 1.0).containsEntry("stop", List.of("a", ""));
	}

	@Test
	void pythonNumberConversions() {
		assertThat(OllamaModelfile.pythonInt(" 42 ")).isEqualTo(42L);
		assertThat(OllamaModelfile.pythonInt("+1_000")).isEqualTo(1000L);
		assertThat(OllamaModelfile.pythonInt("99999999999999999999")).hasToString("99999999999999999999");
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> OllamaModelfile.pythonInt("4.0"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> OllamaModelfile.pythonInt("1__0"));
		assertThat(OllamaModelfile.pythonFloat("1.")).isEqualTo(1.0);
		assertThat(OllamaModelfile.pythonFloat("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(OllamaModelfile.pythonFloat("nan")).isNaN();
		assertThat(OllamaModelfile.pythonFloat("1e3\r")).isEqualTo(1000.0);
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> OllamaModelfile.pythonFloat("0x10"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> OllamaModelfile.pythonFloat("1.0f"));
	}

	@Test
	void booleansAreTrueOnlyForTrue() {
		assertThat(OllamaModelfile.parse("PARAMETER use_mmap True\nPARAMETER use_mlock true ").params())
			.containsEntry("use_mmap", true)
			.containsEntry("use_mlock", false);
	}

	@Test
	void adapterAndMessagesKeepTheirRawText() {
		assertThat(OllamaModelfile.parse("ADAPTER  ./a.bin \nMESSAGE user hi there\nmessage assistant ok").params())
			.containsExactly(Map.entry("adapter", " ./a.bin "), Map.entry("messages",
					List.of(Map.of("role", "user", "content", "hi there"), Map.of("role", "assistant", "content", "ok"))));
	}

	@Test
	void emptyModelfileHasNothing() {
		OllamaModelfile parsed = OllamaModelfile.parse("");
		assertThat(parsed.baseModelId()).isNull();
		assertThat(parsed.params()).isEmpty();
	}

}
