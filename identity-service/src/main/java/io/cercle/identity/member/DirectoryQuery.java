package io.cercle.identity.member;

/**
 * A page of the member directory.
 *
 * @param q         part of a display name, matched literally and case-insensitively
 * @param expertise one expertise tag
 * @param interest  one interest tag
 * @param cursor    the next of the previous page, as the client passed it; null for the first page
 * @param size      page size, 1 to 100
 */
record DirectoryQuery(String q, String expertise, String interest, String cursor, int size) {
}
