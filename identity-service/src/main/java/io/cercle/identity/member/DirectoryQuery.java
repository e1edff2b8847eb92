package io.cercle.identity.member;

/**
 * A page of the member directory.
 *
 * @param q         part of a display name, matched literally and case-insensitively
 * @param expertise one expertise tag
 * @param interest  one interest tag
 * @param after     the last member id of the previous page (decoded from the opaque cursor)
 * @param size      page size, 1 to 100
 */
record DirectoryQuery(String q, String expertise, String interest, String after, int size) {
}
