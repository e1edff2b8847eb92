package io.cercle.devstack;

import java.util.List;

/** The users of the devstack realm (cercle-devstack-realm.json); all tenant users are in organization "demo". */
public record DemoUser(String username, String password, String role, String tenant) {

    public static final String TENANT = "demo";

    public static final DemoUser ADMIN = new DemoUser("admin", "admin", "platform-admin", null);
    public static final DemoUser MANAGER = new DemoUser("manager", "manager", "tenant-admin", TENANT);
    public static final DemoUser MEMBER = new DemoUser("member", "member", "member", TENANT);

    public static final List<DemoUser> ALL = List.of(ADMIN, MANAGER, MEMBER);
}
