package io.github.webuimigrations.legacy.modelfile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ollama modelfile read the way open-webui's legacy {@code parse_ollama_modelfile} read it
 * for migration {@code 010}: the same regular expressions with Python's semantics, the same
 * parameter table and conversions, the same key order in {@code params}.
 *
 * @param baseModelId the first {@code FROM} word, or {@code null}
 * @param params the parameters as upstream stores them in {@code model.params}
 * @param skipped parameters whose value did not convert (upstream logs and skips them)
 * @author webui-migrations
 */
public record OllamaModelfile(String baseModelId, Map<String, Object> params, List<String> skipped) {

	/** Python's {@code re} on str: Unicode classes, only {@code \n} ends a line. */
	private static final int PYTHON = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

	private static final int IGNORECASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

	private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\w+)", PYTHON | IGNORECASE | Pattern.MULTILINE);

	private static final Pattern TEMPLATE = Pattern.compile("TEMPLATE\\s+\"\"\"(.+?)\"\"\"",
			PYTHON | IGNORECASE | Pattern.DOTALL);

	private static final Pattern STOP = Pattern.compile("PARAMETER stop \"(.*?)\"", PYTHON | IGNORECASE);

	private static final Pattern ADAPTER = Pattern.compile("ADAPTER (.+)", PYTHON | IGNORECASE);

	private static final Pattern SYSTEM_BLOCK = Pattern.compile("SYSTEM\\s+\"\"\"(.+?)\"\"\"",
			PYTHON | IGNORECASE | Pattern.DOTALL);

	private static final Pattern SYSTEM_LINE = Pattern.compile("SYSTEM\\s+([^\\n]+)", PYTHON | IGNORECASE);

	private static final Pattern MESSAGE = Pattern.compile("MESSAGE (\\w+) (.+)", PYTHON | IGNORECASE);

	private static final Pattern PY_INT = Pattern.compile("[+-]?\\d(?:_?\\d)*", PYTHON);

	private static final Pattern PY_FLOAT = Pattern.compile(
			"[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?", PYTHON);

	private static final Pattern PY_SPECIAL = Pattern.compile("([+-]?)(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

	/** Upstream's parameter table, in its order (which is the order of the keys written). */
	private static final Map<String, Function<String, Object>> PARAMETERS = new LinkedHashMap<>();

	static {
		Function<String, Object> integer = OllamaModelfile::pythonInt;
		Function<String, Object> decimal = OllamaModelfile::pythonFloat;
		Function<String, Object> bool = (value) -> value.toLowerCase(Locale.ROOT).equals("true");
		PARAMETERS.put("mirostat", integer);
		PARAMETERS.put("mirostat_eta", decimal);
		PARAMETERS.put("mirostat_tau", decimal);
		PARAMETERS.put("num_ctx", integer);
		PARAMETERS.put("repeat_last_n", integer);
		PARAMETERS.put("repeat_penalty", decimal);
		PARAMETERS.put("temperature", decimal);
		PARAMETERS.put("seed", integer);
		PARAMETERS.put("tfs_z", decimal);
		PARAMETERS.put("num_predict", integer);
		PARAMETERS.put("top_k", integer);
		PARAMETERS.put("top_p", decimal);
		PARAMETERS.put("num_keep", integer);
		PARAMETERS.put("presence_penalty", decimal);
		PARAMETERS.put("frequency_penalty", decimal);
		PARAMETERS.put("num_batch", integer);
		PARAMETERS.put("num_gpu", integer);
		PARAMETERS.put("use_mmap", bool);
		PARAMETERS.put("use_mlock", bool);
		PARAMETERS.put("num_thread", integer);
	}

	/**
	 * Parse modelfile text.
	 * @param text the modelfile (the {@code content} of a legacy modelfile row)
	 * @return the base model and parameters
	 */
	public static OllamaModelfile parse(String text) {
		String base = null;
		Matcher from = FROM.matcher(text);
		if (from.find()) {
			base = from.group(1);
		}
		Map<String, Object> params = new LinkedHashMap<>();
		Matcher template = TEMPLATE.matcher(text);
		if (template.find()) {
			params.put("template", pythonStrip(template.group(1)));
		}
		List<Object> stops = findAll(STOP, text, (m) -> m.group(1));
		if (!stops.isEmpty()) {
			params.put("stop", stops);
		}
		List<String> skipped = new ArrayList<>();
		PARAMETERS.forEach((name, convert) -> {
			Matcher parameter = Pattern.compile("PARAMETER " + name + " (.+)", PYTHON | IGNORECASE).matcher(text);
			if (parameter.find()) {
				try {
					params.put(name, convert.apply(parameter.group(1)));
				}
				catch (NumberFormatException ex) {
					skipped.add(name);
				}
			}
		});
		Matcher adapter = ADAPTER.matcher(text);
		if (adapter.find()) {
			params.put("adapter", adapter.group(1));
		}
		Matcher systemBlock = SYSTEM_BLOCK.matcher(text);
		Matcher systemLine = SYSTEM_LINE.matcher(text);
		if (systemBlock.find()) {
			params.put("system", pythonStrip(systemBlock.group(1)));
		}
		else if (systemLine.find()) {
			params.put("system", pythonStrip(systemLine.group(1)));
		}
		List<Object> messages = findAll(MESSAGE, text, (m) -> {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("role", m.group(1));
			message.put("content", m.group(2));
			return message;
		});
		if (!messages.isEmpty()) {
			params.put("messages", messages);
		}
		return new OllamaModelfile(base, params, List.copyOf(skipped));
	}

	private static List<Object> findAll(Pattern pattern, String text, Function<Matcher, Object> item) {
		List<Object> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(item.apply(matcher));
		}
		return found;
	}

	/**
	 * Python's {@code int(str)}: surrounding whitespace, a sign, digits with single
	 * underscores between them.
	 * @param value the text
	 * @return a {@link Long} or {@link BigInteger}
	 * @throws NumberFormatException as Python raises {@code ValueError}
	 */
	static Object pythonInt(String value) {
		String stripped = pythonStrip(value);
		if (!PY_INT.matcher(stripped).matches()) {
			throw new NumberFormatException("invalid literal for int(): '" + value + "'");
		}
		BigInteger number = new BigInteger(asciiDigits(stripped));
		return (number.bitLength() < 64) ? (Object) number.longValue() : number;
	}

	/**
	 * Python's {@code float(str)}, including {@code inf} and {@code nan}.
	 * @param value the text
	 * @return the value
	 * @throws NumberFormatException as Python raises {@code ValueError}
	 */
	static Double pythonFloat(String value) {
		String stripped = pythonStrip(value);
		Matcher special = PY_SPECIAL.matcher(stripped);
		if (special.matches()) {
			boolean negative = "-".equals(special.group(1));
			if (special.group(2).equalsIgnoreCase("nan")) {
				return Double.NaN;
			}
			return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
		}
		if (!PY_FLOAT.matcher(stripped).matches()) {
			throw new NumberFormatException("could not convert string to float: '" + value + "'");
		}
		return Double.parseDouble(asciiDigits(stripped));
	}

	private static String asciiDigits(String number) {
		StringBuilder out = new StringBuilder(number.length());
		number.codePoints().forEach((c) -> {
			if (c != '_') {
				out.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : (char) c);
			}
		});
		return out.toString();
	}

	/**
	 * Python's {@code str.strip()}: removes Unicode whitespace at both ends.
	 * @param value the text
	 * @return the stripped text
	 */
	static String pythonStrip(String value) {
		int start = 0;
		int end = value.length();
		while (start < end && isPythonSpace(value.charAt(start))) {
			start++;
		}
		while (end > start && isPythonSpace(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(start, end);
	}

	private static boolean isPythonSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
	}

}
