/**
 * Member avatars: each member may upload one PNG, JPEG or WebP picture, which is decoded and encoded again without
 * its metadata ({@link io.cercle.identity.avatar.AvatarImages}), kept in GridFS (bucket {@code avatars}) and shown to
 * the other members of their tenant. {@link io.cercle.identity.avatar.AvatarStore#delete} is what member erasure
 * calls so that no picture outlives a GDPR erasure.
 */
package io.cercle.identity.avatar;
