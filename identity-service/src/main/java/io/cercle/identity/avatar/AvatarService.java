package io.cercle.identity.avatar;

import io.cercle.identity.member.Member;
import io.cercle.identity.member.MemberErasing;
import io.cercle.identity.member.MemberService;
import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import io.cercle.platform.problem.NotFoundException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** The rules around a member's picture: who may have one, who sees it, and what counts as a picture. */
@Service
class AvatarService {

    private final AvatarStore store;
    private final AvatarImages images;
    private final MemberService members;
    private final AvatarProperties properties;

    AvatarService(AvatarStore store, AvatarImages images, MemberService members, AvatarProperties properties) {
        this.store = store;
        this.images = images;
        this.members = members;
        this.properties = properties;
    }

    /** An erased member's picture goes with them, before their erasure is saved. */
    @EventListener
    void onErasing(MemberErasing erasing) {
        store.delete(erasing.tenantId(), erasing.memberId());
    }

    /**
     * Checks everything before writing anything: a rejected upload leaves the previous picture as it was. What is
     * stored is our own re-encoding of the picture ({@link AvatarImages}), never the uploaded bytes.
     */
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
        AvatarImages.Encoded picture = images.reencode(bytes, type);
        return store.put(tenantId, memberId, picture.type(), picture.bytes());
    }

    /**
     * The picture of a member the caller may see: a member who is not a tenant admin sees active members' pictures
     * only, as they see only active members' profiles (a picture served for a profile that answers 404 would tell
     * them the member is suspended or gone).
     */
    AvatarStore.Picture picture(String tenantId, String memberId, boolean callerIsTenantAdmin) {
        members.visible(tenantId, memberId, callerIsTenantAdmin);
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
