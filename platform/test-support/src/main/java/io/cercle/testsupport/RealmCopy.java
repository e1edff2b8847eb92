package io.cercle.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A realm JSON made importable beside the realm it was written for, in the same Keycloak: another name, and fresh
 * ids where the JSON fixes them. Keycloak's ids are unique per server, not per realm: a second import of an
 * organization group id answers 409, and members refer to their organization groups by id (FACTS: realm import).
 */
final class RealmCopy {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RealmCopy() {
    }

    static byte[] renamed(byte[] realmJson, String newName) {
        ObjectNode realm = (ObjectNode) JSON.readTree(realmJson);
        realm.put("realm", newName);
        realm.remove("id");
        Map<String, String> newIds = new HashMap<>();
        for (JsonNode organization : realm.path("organizations")) {
            for (JsonNode group : organization.path("groups")) {
                renewIds(group, newIds);
            }
        }
        for (JsonNode organization : realm.path("organizations")) {
            for (JsonNode member : organization.path("members")) {
                if (member.path("groups") instanceof ArrayNode groups) {
                    for (int i = 0; i < groups.size(); i++) {
                        String id = groups.get(i).asString();
                        groups.set(i, groups.stringNode(newIds.getOrDefault(id, id)));
                    }
                }
            }
        }
        return JSON.writeValueAsBytes(realm);
    }

    private static void renewIds(JsonNode group, Map<String, String> newIds) {
        if (group instanceof ObjectNode object && object.hasNonNull("id")) {
            String fresh = UUID.randomUUID().toString();
            newIds.put(object.get("id").asString(), fresh);
            object.put("id", fresh);
        }
        for (JsonNode child : group.path("subGroups")) {
            renewIds(child, newIds);
        }
    }
}
