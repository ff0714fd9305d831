package io.github.webuimigrations.revisioned;

import java.util.List;

import io.github.webuimigrations.revisioned.revisions.R018012973d35__add_indexes;
import io.github.webuimigrations.revisioned.revisions.R1af9b942657b__migrate_tags;
import io.github.webuimigrations.revisioned.revisions.R1ce6ade7d93b__add_group_member_user_id_index;
import io.github.webuimigrations.revisioned.revisions.R242a2047eae0__update_chat_table;
import io.github.webuimigrations.revisioned.revisions.R2f1211949ecc__update_message_and_channel_member_table;
import io.github.webuimigrations.revisioned.revisions.R374d2f66af06__add_prompt_history_table;
import io.github.webuimigrations.revisioned.revisions.R3781e22d8b01__update_message_table;
import io.github.webuimigrations.revisioned.revisions.R37f288994c47__add_group_member_table;
import io.github.webuimigrations.revisioned.revisions.R38d63c18f30f__add_oauth_session_table;
import io.github.webuimigrations.revisioned.revisions.R3ab32c4b8f59__update_tags;
import io.github.webuimigrations.revisioned.revisions.R3af16a1c9fb6__update_user_table;
import io.github.webuimigrations.revisioned.revisions.R3c9b0ca343fd__add_knowledge_directory_table;
import io.github.webuimigrations.revisioned.revisions.R3e0e00844bb0__add_knowledge_file_table;
import io.github.webuimigrations.revisioned.revisions.R3ff2c63645b8__reshape_config_to_per_key_rows;
import io.github.webuimigrations.revisioned.revisions.R42e2978c7933__add_memory_path_and_meta;
import io.github.webuimigrations.revisioned.revisions.R461111b60977__add_missing_primary_keys_to_legacy_;
import io.github.webuimigrations.revisioned.revisions.R4ace53fd72c8__update_folder_table_datetime;
import io.github.webuimigrations.revisioned.revisions.R4c5ce3d2f27f__add_context_summary_to_chat_message;
import io.github.webuimigrations.revisioned.revisions.R4de81c2a3af1__add_pinned_note_table;
import io.github.webuimigrations.revisioned.revisions.R55f1302ac17c__add_memory_id_user_id_covering_index;
import io.github.webuimigrations.revisioned.revisions.R56359461a091__add_calendar_tables;
import io.github.webuimigrations.revisioned.revisions.R57c599a3cb57__add_channel_table;
import io.github.webuimigrations.revisioned.revisions.R6283dc0e4d8d__add_channel_file_table;
import io.github.webuimigrations.revisioned.revisions.R6a39f3d8e55c__add_knowledge_table;
import io.github.webuimigrations.revisioned.revisions.R6d09d1bf1f23__repair_double_encoded_user_oauth;
import io.github.webuimigrations.revisioned.revisions.R7826ab40b532__update_file_table;
import io.github.webuimigrations.revisioned.revisions.R7b3f2a9c1d4e__add_memory_type;
import io.github.webuimigrations.revisioned.revisions.R7e5b5dc7342b__init;
import io.github.webuimigrations.revisioned.revisions.R81cc2ce44d79__update_channel_file_and_knowledge_table;
import io.github.webuimigrations.revisioned.revisions.R8452d01d26d7__add_chat_message_table;
import io.github.webuimigrations.revisioned.revisions.R856c5b02fb54__add_chat_message_meta;
import io.github.webuimigrations.revisioned.revisions.R90ef40d4714e__update_channel_and_channel_members_table;
import io.github.webuimigrations.revisioned.revisions.R922e7a387820__add_group_table;
import io.github.webuimigrations.revisioned.revisions.R959eaac8f909__add_automation_folder_id;
import io.github.webuimigrations.revisioned.revisions.R9a1b2c3d4e5f__add_current_message_id_to_chat;
import io.github.webuimigrations.revisioned.revisions.R9f0c9cd09105__add_note_table;
import io.github.webuimigrations.revisioned.revisions.Ra0b1c2d3e4f5__add_memory_user_id_index;
import io.github.webuimigrations.revisioned.revisions.Ra1b2c3d4e5f6__add_skill_table;
import io.github.webuimigrations.revisioned.revisions.Ra3dd5bedd151__add_tasks_and_summary_to_chat;
import io.github.webuimigrations.revisioned.revisions.Ra5c220713937__add_reply_to_id_column_to_message;
import io.github.webuimigrations.revisioned.revisions.Raf906e964978__add_feedback_table;
import io.github.webuimigrations.revisioned.revisions.Rb0018471bbbe__add_user_variables;
import io.github.webuimigrations.revisioned.revisions.Rb10670c03dd5__update_user_table;
import io.github.webuimigrations.revisioned.revisions.Rb2c3d4e5f6a7__add_scim_column_to_user_table;
import io.github.webuimigrations.revisioned.revisions.Rb7c8d9e0f1a2__add_last_read_at_to_chat;
import io.github.webuimigrations.revisioned.revisions.Rc0fbf31ca0db__update_file_table;
import io.github.webuimigrations.revisioned.revisions.Rc1d2e3f4a5b6__add_shared_chat_table;
import io.github.webuimigrations.revisioned.revisions.Rc29facfe716b__update_file_table_path;
import io.github.webuimigrations.revisioned.revisions.Rc440947495f3__add_chat_file_table;
import io.github.webuimigrations.revisioned.revisions.Rc49178636c78__add_chat_variables;
import io.github.webuimigrations.revisioned.revisions.Rc69f45358db4__add_folder_table;
import io.github.webuimigrations.revisioned.revisions.Rca81bd47c050__add_config_table;
import io.github.webuimigrations.revisioned.revisions.Rd31026856c01__update_folder_table_data;
import io.github.webuimigrations.revisioned.revisions.Rd4c1a8e37b62__add_chat_timer_at_and_chat_indexes;
import io.github.webuimigrations.revisioned.revisions.Rd4e5f6a7b8c9__add_automation_tables;
import io.github.webuimigrations.revisioned.revisions.Re1f2a3b4c5d6__add_is_pinned_to_note;
import io.github.webuimigrations.revisioned.revisions.Rf0bd01a18a3d__add_unique_normalized_user_email_index;
import io.github.webuimigrations.revisioned.revisions.Rf1e2d3c4b5a6__add_access_grant_table;

/**
 * open-webui's revision chain in order, base first: the 55 revisions of open-webui 0.11.0
 * and the three of 0.11.1 (spec section 5 and Addendum 2). Only revisions of upstream's chain
 * belong here; forks add others. This list is the one declaration of the chain: Liquibase's
 * changelog is built from it ({@link RevisionChangelog}), and a new upstream revision is one
 * class under {@code revisions/} and one line here.
 *
 * @author webui-migrations
 */
public final class Revisions {

	/** The chain, base first; its changelogs are included in this order by the master changelog. */
	public static final List<Revision> CHAIN = List.of(
			new R7e5b5dc7342b__init(),
			new Rca81bd47c050__add_config_table(),
			new Rc0fbf31ca0db__update_file_table(),
			new R6a39f3d8e55c__add_knowledge_table(),
			new R242a2047eae0__update_chat_table(),
			new R1af9b942657b__migrate_tags(),
			new R3ab32c4b8f59__update_tags(),
			new Rc69f45358db4__add_folder_table(),
			new Rc29facfe716b__update_file_table_path(),
			new Raf906e964978__add_feedback_table(),
			new R4ace53fd72c8__update_folder_table_datetime(),
			new R922e7a387820__add_group_table(),
			new R57c599a3cb57__add_channel_table(),
			new R7826ab40b532__update_file_table(),
			new R3781e22d8b01__update_message_table(),
			new R9f0c9cd09105__add_note_table(),
			new Rd31026856c01__update_folder_table_data(),
			new R018012973d35__add_indexes(),
			new R3af16a1c9fb6__update_user_table(),
			new R38d63c18f30f__add_oauth_session_table(),
			new Ra5c220713937__add_reply_to_id_column_to_message(),
			new R37f288994c47__add_group_member_table(),
			new R2f1211949ecc__update_message_and_channel_member_table(),
			new Rb10670c03dd5__update_user_table(),
			new R90ef40d4714e__update_channel_and_channel_members_table(),
			new R3e0e00844bb0__add_knowledge_file_table(),
			new R6283dc0e4d8d__add_channel_file_table(),
			new R81cc2ce44d79__update_channel_file_and_knowledge_table(),
			new Rc440947495f3__add_chat_file_table(),
			new R374d2f66af06__add_prompt_history_table(),
			new R8452d01d26d7__add_chat_message_table(),
			new Rf1e2d3c4b5a6__add_access_grant_table(),
			new Ra1b2c3d4e5f6__add_skill_table(),
			new Rb2c3d4e5f6a7__add_scim_column_to_user_table(),
			new Ra3dd5bedd151__add_tasks_and_summary_to_chat(),
			new Rd4e5f6a7b8c9__add_automation_tables(),
			new Rb7c8d9e0f1a2__add_last_read_at_to_chat(),
			new Re1f2a3b4c5d6__add_is_pinned_to_note(),
			new Rc1d2e3f4a5b6__add_shared_chat_table(),
			new R56359461a091__add_calendar_tables(),
			new R4de81c2a3af1__add_pinned_note_table(),
			new Ra0b1c2d3e4f5__add_memory_user_id_index(),
			new R3c9b0ca343fd__add_knowledge_directory_table(),
			new R461111b60977__add_missing_primary_keys_to_legacy_(),
			new R3ff2c63645b8__reshape_config_to_per_key_rows(),
			new R4c5ce3d2f27f__add_context_summary_to_chat_message(),
			new R7b3f2a9c1d4e__add_memory_type(),
			new R42e2978c7933__add_memory_path_and_meta(),
			new R856c5b02fb54__add_chat_message_meta(),
			new R9a1b2c3d4e5f__add_current_message_id_to_chat(),
			new Rc49178636c78__add_chat_variables(),
			new Rb0018471bbbe__add_user_variables(),
			new R55f1302ac17c__add_memory_id_user_id_covering_index(),
			new R959eaac8f909__add_automation_folder_id(),
			new Rf0bd01a18a3d__add_unique_normalized_user_email_index(),
			new R1ce6ade7d93b__add_group_member_user_id_index(),
			new R6d09d1bf1f23__repair_double_encoded_user_oauth(),
			new Rd4c1a8e37b62__add_chat_timer_at_and_chat_indexes());

	/** The newest revision: open-webui 0.11.1 to 0.11.4 are at it. */
	public static final String HEAD = CHAIN.get(CHAIN.size() - 1).id();

	private Revisions() {
	}

	/**
	 * The revision with this id, or {@code null}.
	 * @param id a revision id
	 * @return the revision
	 */
	public static Revision find(String id) {
		return CHAIN.stream().filter((revision) -> revision.id().equals(id)).findFirst().orElse(null);
	}

	/**
	 * The revision with this id.
	 * @param id a revision id of the chain
	 * @return the revision
	 * @throws IllegalArgumentException if the chain has none
	 */
	public static Revision byId(String id) {
		Revision revision = find(id);
		if (revision == null) {
			throw new IllegalArgumentException("Unknown revision " + id);
		}
		return revision;
	}

	/**
	 * The position of a revision in the chain.
	 * @param id a revision id
	 * @return 0 for the base, -1 if unknown
	 */
	public static int indexOf(String id) {
		for (int i = 0; i < CHAIN.size(); i++) {
			if (CHAIN.get(i).id().equals(id)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The revision a revision follows (Alembic's {@code down_revision}).
	 * @param id a revision id of the chain
	 * @return the one before it, or {@code null} for the first
	 */
	static String before(String id) {
		int index = indexOf(id);
		return (index <= 0) ? null : CHAIN.get(index - 1).id();
	}

	/**
	 * The file names of the chain's revisions, base first.
	 * @return e.g. {@code 7e5b5dc7342b_init}, ...
	 */
	public static List<String> fileNames() {
		return CHAIN.stream().map(Revision::fileName).toList();
	}

}
