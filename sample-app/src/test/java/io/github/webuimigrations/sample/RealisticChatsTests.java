package io.github.webuimigrations.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.webuimigrations.json.PythonJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's chats have the shape the issue describes, the same for the same seed.
 */
class RealisticChatsTests {

	@Test
	void chatsHaveTheShapeOfUsersChatsAndTheSameSeedGivesTheSameChats() {
		RealisticChats chats = new RealisticChats(7);
		int count = 5000;
		long bytes = 0;
		long messages = 0;
		int broken = 0;
		int withoutCurrent = 0;
		int branched = 0;
		for (int i = 0; i < count; i++) {
			String text = chats.chat(i, 1700000000L + i);
			bytes += text.length();
			Object parsed;
			try {
				parsed = PythonJson.parse(text);
			}
			catch (PythonJson.InvalidJsonException ex) {
				broken++;
				continue;
			}
			Map<?, ?> history = (Map<?, ?>) ((Map<?, ?>) parsed).get("history");
			Map<?, ?> all = (Map<?, ?>) history.get("messages");
			messages += all.size();
			if (!history.containsKey("currentId")) {
				withoutCurrent++;
			}
			if (all.size() > ((List<?>) ((Map<?, ?>) parsed).get("messages")).size()) {
				branched++;
			}
			assertThat(((Map<?, ?>) parsed).keySet().stream().map(Object::toString).toList()).contains("title", "models",
					"params", "messages", "tags", "timestamp", "files");
		}
		assertThat(messages / (double) (count - broken)).isBetween(8.5, 11.5);
		assertThat(bytes / (double) count).isBetween(5500.0, 9500.0);
		assertThat(broken).isBetween(2, 25);
		assertThat(withoutCurrent / (double) count).isBetween(0.03, 0.07);
		assertThat(branched / (double) count).isBetween(0.15, 0.5);
		assertThat(new RealisticChats(7).chat(0, 1700000000L)).isEqualTo(new RealisticChats(7).chat(0, 1700000000L));
	}

}
