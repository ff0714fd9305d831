package com.example.consumer;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A table of this application's own, made by its own Flyway migration. */
@Entity
@Table(name = "app_note")
public class Note {

	@Id
	private Long id;

	private String userId;

	private String text;

	protected Note() {
	}

	public Note(Long id, String userId, String text) {
		this.id = id;
		this.userId = userId;
		this.text = text;
	}

	public String getText() {
		return this.text;
	}

}
