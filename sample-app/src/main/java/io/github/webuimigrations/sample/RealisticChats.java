package io.github.webuimigrations.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.github.webuimigrations.json.PythonJson;

/**
 * Chats shaped like users' chats, deterministic by seed: 1 to 12 exchanges (exponential, mean
 * about 4.5), questions of 3 to 25 words and answers of 10 to 60 from a vocabulary with some
 * non-ASCII words and emoji, about 7% of exchanges with a regenerated answer and 2.5% with an
 * edited question (sibling branches), the fields open-webui's web UI writes, {@code currentId}
 * on the newest leaf (missing in 5% of chats, on an older message in 2%), millisecond
 * timestamps in 3%, and one chat in a thousand empty and one truncated. About 10 messages and
 * 7 KB of JSON a chat.
 *
 * @author webui-migrations
 */
final class RealisticChats {

	private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are or from at an "
			+ "which have not can will more one all they about their there would so what when up out if into some "
			+ "model data function value result error request table query index server client token context answer "
			+ "question example python java code test build deploy image memory cache update version release file "
			+ "über café naïve façade résumé straße déjà größe ĉu привет 你好 こんにちは 🚀 ✅ 🙂 📚").split(" ");

	private static final String[] MODELS = { "llama3.1:8b", "gpt-4o-mini", "qwen2.5:14b", "mistral-nemo:12b" };

	private final Random random;

	RealisticChats(long seed) {
		this.random = new Random(seed);
	}

	/** The tag names of one user: 12, some differing only in case or spaces, one of them Pinned. */
	static List<String> tagNames(int user) {
		return List.of("Work", "work", "Research", "Code Review", "code  review", "Travel", "Recipes", "Pinned",
				"Project " + (user % 7), "Ideas", "Home", "Learning");
	}

	/**
	 * The {@code chat} JSON text of one chat.
	 * @param index the chat's number
	 * @param time its creation time, epoch seconds
	 * @return the text, or "" or truncated JSON for the rare broken chats
	 */
	String chat(int index, long time) {
		int kind = this.random.nextInt(1000);
		if (kind == 0) {
			return "";
		}
		boolean milliseconds = this.random.nextInt(100) < 3;
		String model = MODELS[this.random.nextInt(MODELS.length)];
		Map<String, Map<String, Object>> messages = new LinkedHashMap<>();
		List<String> branch = new ArrayList<>();
		long clock = time;
		int exchanges = Math.min(12, 1 + (int) (-Math.log(1 - this.random.nextDouble()) * 4.1));
		String parent = null;
		for (int exchange = 0; exchange < exchanges; exchange++) {
			String question = add(messages, index, parent, user(model, clock += 20, milliseconds));
			if (this.random.nextInt(1000) < 25) {
				// an edited question: the first version keeps its own answer on a branch of its own
				add(messages, index, question, assistant(model, clock += 15, milliseconds));
				question = add(messages, index, parent, user(model, clock += 40, milliseconds));
			}
			String answer = add(messages, index, question, assistant(model, clock += 15, milliseconds));
			if (this.random.nextInt(1000) < 70) {
				answer = add(messages, index, question, assistant(model, clock += 30, milliseconds));
			}
			branch.add(question);
			branch.add(answer);
			parent = answer;
		}
		Map<String, Object> history = new LinkedHashMap<>();
		history.put("messages", messages);
		int current = this.random.nextInt(100);
		if (current >= 5) {
			history.put("currentId", (current < 7 && branch.size() > 2) ? branch.get(branch.size() - 3) : parent);
		}
		List<Object> list = new ArrayList<>();
		for (String id : branch) {
			list.add(messages.get(id));
		}
		Map<String, Object> chat = new LinkedHashMap<>();
		chat.put("id", "");
		chat.put("title", words(2, 6));
		chat.put("models", List.of(model));
		chat.put("params", Map.of());
		chat.put("history", history);
		chat.put("messages", list);
		chat.put("tags", List.of());
		chat.put("timestamp", time * 1000);
		chat.put("files", List.of());
		String text = PythonJson.dumps(chat);
		return (kind == 1) ? text.substring(0, text.length() / 2) : text;
	}

	private String add(Map<String, Map<String, Object>> messages, int chat, String parent, Map<String, Object> fields) {
		String id = String.format("%08x-%04x-4%03x-a%03x-%012x", chat, messages.size(), this.random.nextInt(4096),
				this.random.nextInt(4096), this.random.nextLong() & 0xffffffffffffL);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", id);
		message.put("parentId", parent);
		message.put("childrenIds", new ArrayList<String>());
		message.putAll(fields);
		if (parent != null) {
			@SuppressWarnings("unchecked")
			List<String> children = (List<String>) messages.get(parent).get("childrenIds");
			children.add(id);
		}
		messages.put(id, message);
		return id;
	}

	private Map<String, Object> user(String model, long time, boolean milliseconds) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", "user");
		message.put("content", words(3, 25));
		message.put("timestamp", milliseconds ? time * 1000 : time);
		message.put("models", List.of(model));
		return message;
	}

	private Map<String, Object> assistant(String model, long time, boolean milliseconds) {
		Map<String, Object> message = new LinkedHashMap<>();
		String content = words(10, 60);
		message.put("role", "assistant");
		message.put("content", content);
		message.put("model", model);
		message.put("modelName", model.split(":")[0]);
		message.put("modelIdx", 0);
		message.put("userContext", null);
		message.put("timestamp", milliseconds ? time * 1000 : time);
		message.put("done", true);
		Map<String, Object> usage = new LinkedHashMap<>();
		usage.put("prompt_tokens", 20 + this.random.nextInt(400));
		usage.put("completion_tokens", content.length() / 4);
		message.put("usage", usage);
		return message;
	}

	private String words(int least, int most) {
		int count = least + this.random.nextInt(most - least + 1);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append((i > 0) ? " " : "").append(WORDS[this.random.nextInt(WORDS.length)]);
		}
		return text.toString();
	}

}
