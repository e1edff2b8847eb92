package io.cercle.identity.avatar;

import com.mongodb.client.gridfs.model.GridFSFile;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The avatar pictures, in the GridFS bucket {@code avatars} with the tenant and member in each file's metadata.
 * Public for one caller outside this package: member erasure, which must {@link #delete} the picture (GDPR).
 */
@Component
class AvatarStore {

    static final String BUCKET = "avatars";

    private final GridFsTemplate files;

    AvatarStore(MongoDatabaseFactory database, MongoConverter converter) {
        // A bucket of our own rather than a GridFsTemplate bean: a bean would replace Boot's default one (bucket
        // "fs") for every other feature of the service. Its index: AvatarConfiguration.avatarFilesIndex.
        this.files = new GridFsTemplate(database, converter, BUCKET);
    }

    /**
     * Stores {@code bytes} as the member's picture and removes the pictures it replaces.
     * <p>
     * The new file is written first, then every older file of the member goes: a failure in between leaves the
     * previous picture rather than none, and {@link #find} always serves the newest. "Older" means a lower
     * ObjectId, not "other than mine", so that two concurrent uploads cannot delete each other: whatever the
     * interleaving, the file with the highest id survives alone.
     */
    StoredAvatar put(String tenantId, String memberId, ImageType type, byte[] bytes) {
        String sha256 = sha256(bytes);
        var metadata = new Document("tenantId", tenantId).append("memberId", memberId)
                .append("contentType", type.mediaType().toString()).append("sha256", sha256);
        ObjectId id = files.store(new ByteArrayInputStream(bytes), memberId, type.mediaType().toString(), metadata);
        files.delete(Query.query(ofMember(tenantId, memberId).and("_id").lt(id)));
        return new StoredAvatar(type, bytes.length, sha256);
    }

    /** The member's picture, its bytes included (at most {@code cercle.avatars.max-size}). */
    Optional<Picture> find(String tenantId, String memberId) {
        GridFSFile file = files.find(Query.query(ofMember(tenantId, memberId)))
                .sort(new Document("_id", -1)).limit(1).first();
        if (file == null || file.getMetadata() == null) {
            return Optional.empty();
        }
        var type = ImageType.of(file.getMetadata().getString("contentType"));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try (var content = files.getResource(file).getInputStream()) {
            byte[] bytes = content.readAllBytes();
            return Optional.of(new Picture(new StoredAvatar(type.get(), bytes.length,
                    file.getMetadata().getString("sha256")), bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the avatar of member " + memberId, e);
        }
    }

    /** Removes the member's picture, if any; a no-op otherwise, so erasure can call it again safely. */
    void delete(String tenantId, String memberId) {
        files.delete(Query.query(ofMember(tenantId, memberId)));
    }

    private static Criteria ofMember(String tenantId, String memberId) {
        return Criteria.where("metadata.tenantId").is(tenantId).and("metadata.memberId").is(memberId);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** What is known of a stored picture without its bytes. */
    record StoredAvatar(ImageType type, long size, String sha256) {
    }

    record Picture(StoredAvatar avatar, byte[] bytes) {
    }
}
