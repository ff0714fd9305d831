package com.example.consumer;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** open-webui's user table, the columns this application uses. */
@Entity
@Table(name = "`user`")
public class User {

	@Id
	private String id;

	private String name;

	private String email;

	private String role;

	private String profileImageUrl;

	private long createdAt;

	private long updatedAt;

	private long lastActiveAt;

	protected User() {
	}

	public User(String id, String name, String email, String role, long now) {
		this.id = id;
		this.name = name;
		this.email = email;
		this.role = role;
		this.profileImageUrl = "";
		this.createdAt = now;
		this.updatedAt = now;
		this.lastActiveAt = now;
	}

	public String getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getEmail() {
		return this.email;
	}

	public String getRole() {
		return this.role;
	}

}
