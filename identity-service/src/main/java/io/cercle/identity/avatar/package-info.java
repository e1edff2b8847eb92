/**
 * Member avatars: each member may upload one PNG, JPEG or WebP picture, which is decoded and encoded again without
 * its metadata ({@link io.cercle.identity.avatar.AvatarImages}), kept in GridFS (bucket {@code avatars}) and shown to
 * the other members of their tenant. The picture goes when its member is erased: {@code AvatarService} reacts to
 * {@link io.cercle.identity.member.MemberErasing} before the erasure is saved, so that no picture outlives it.
 */
package io.cercle.identity.avatar;
