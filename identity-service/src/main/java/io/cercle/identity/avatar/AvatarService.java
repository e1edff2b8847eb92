package io.cercle.identity.avatar;

import io.cercle.identity.member.Member;
import io.cercle.identity.member.MemberService;
import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import io.cercle.platform.problem.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** The rules around a member's picture: who may have one, and what counts as a picture. */
@Service
class AvatarService {

    private final AvatarStore store;
    private final MemberService members;
    private final AvatarProperties properties;

    AvatarService(AvatarStore store, MemberService members, AvatarProperties properties) {
        this.store = store;
        this.members = members;
        this.properties = properties;
    }

    /** Checks everything before writing anything: a rejected upload leaves the previous picture as it was. */
    AvatarStore.StoredAvatar upload(String tenantId, String memberId, MultipartFile file) {
        present(tenantId, memberId);
        if (file == null || file.isEmpty()) {
            throw new InvalidRequestException(new FieldError("file", "is required: a PNG, JPEG or WebP picture"));
        }
        long max = properties.maxSize().toBytes();
        if (file.getSize() > max) {
            throw new InvalidRequestException(new FieldError("file", "is larger than " + max + " bytes"));
        }
        byte[] bytes = bytes(file);
        ImageType type = ImageType.detect(Arrays.copyOf(bytes, Math.min(bytes.length, ImageType.SIGNATURE_LENGTH)))
                .orElseThrow(() -> new InvalidRequestException(
                        new FieldError("file", "is not a PNG, JPEG or WebP picture")));
        return store.put(tenantId, memberId, type, bytes);
    }

    AvatarStore.Picture picture(String tenantId, String memberId) {
        present(tenantId, memberId);
        return store.find(tenantId, memberId).orElseThrow(() -> new NotFoundException("Avatar of member", memberId));
    }

    void remove(String tenantId, String memberId) {
        present(tenantId, memberId);
        store.delete(tenantId, memberId);
    }

    /** The member, in the caller's tenant only; an erased member has no picture, whatever GridFS still holds. */
    private void present(String tenantId, String memberId) {
        if (members.get(tenantId, memberId).status() == Member.Status.ERASED) {
            throw new NotFoundException("Member", memberId);
        }
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded avatar", e);
        }
    }
}
