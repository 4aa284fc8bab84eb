package dev.marquee.security;

import java.util.stream.Collectors;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated bearer token, resolved to the {@link Viewer} it stands for. */
public class ViewerAuthentication extends AbstractAuthenticationToken {

	private final Viewer viewer;

	private final Jwt token;

	public ViewerAuthentication(Viewer viewer, Jwt token) {
		super(viewer.roles().stream().map((r) -> new SimpleGrantedAuthority("ROLE_" + r.name())).collect(Collectors.toList()));
		this.viewer = viewer;
		this.token = token;
		setAuthenticated(true);
	}

	public Viewer viewer() {
		return this.viewer;
	}

	@Override
	public Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return this.viewer;
	}

	@Override
	public String getName() {
		return this.viewer.username();
	}

}
