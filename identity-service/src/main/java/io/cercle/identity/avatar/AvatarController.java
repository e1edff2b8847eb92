package io.cercle.identity.avatar;

import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Members' pictures: each member sets their own; every member of the same tenant sees them. */
@RestController
class AvatarController {

    /**
     * Private: a picture is only for the members of its tenant, so shared caches must not keep it. Five minutes,
     * after which the ETag makes the check cheap (304).
     */
    private static final String CACHING = "private, max-age=300";

    private final AvatarService avatars;

    AvatarController(AvatarService avatars) {
        this.avatars = avatars;
    }

    @PutMapping(path = "/me/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Set or replace my avatar: a PNG, JPEG or WebP picture (recognised by its content), "
            + "at most cercle.avatars.max-size (1 MB by default) and cercle.avatars.max-width × max-height pixels "
            + "(4096 × 4096 by default). The picture is decoded and encoded again: what is stored and served carries "
            + "no metadata (EXIF, GPS position, comments); a JPEG's EXIF orientation is applied to its pixels; a WebP "
            + "is stored as PNG when it has transparency, as JPEG otherwise.")
    @ApiResponse(responseCode = "200", description = "Stored; the previous picture is gone")
    @ApiResponse(responseCode = "400", description = "The part 'file' is missing, too large (bytes or pixels), not a "
            + "supported picture or cannot be decoded")
    @ApiResponse(responseCode = "404", description = "No profile yet: GET /me first")
    @ApiResponse(responseCode = "413", description = "The upload is far beyond the limit and was not read")
    @ApiResponse(responseCode = "503", description = "Too many pictures are being processed at once; retry")
    AvatarView upload(CurrentMember caller, @RequestPart(name = "file", required = false) MultipartFile file) {
        // Not required here so that a missing part is the same 400 naming "file" as a bad one.
        return AvatarView.of(caller.memberId(), avatars.upload(caller.requireTenant(), caller.memberId(), file));
    }

    @DeleteMapping("/me/avatar")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove my avatar")
    @ApiResponse(responseCode = "204", description = "Removed, or there was none")
    @ApiResponse(responseCode = "404", description = "No profile yet")
    void remove(CurrentMember caller) {
        avatars.remove(caller.requireTenant(), caller.memberId());
    }

    @GetMapping("/members/{memberId}/avatar")
    @Operation(summary = "The avatar of a member of my tenant, as the picture itself (tenant admins also get those of "
            + "suspended and departed members)")
    @ApiResponse(responseCode = "200", description = "The picture, with its content type and an ETag")
    @ApiResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @ApiResponse(responseCode = "404", description = "No such member in my tenant (for members who are not tenant "
            + "admins: no such active member), or they have no avatar")
    ResponseEntity<byte[]> picture(CurrentMember caller, @PathVariable @Size(max = 64) String memberId) {
        var picture = avatars.picture(caller.requireTenant(), memberId, caller.hasRole(CurrentMember.TENANT_ADMIN));
        // A strong ETag from the content's digest; Spring answers If-None-Match with 304 from it.
        return ResponseEntity.ok()
                .contentType(picture.avatar().type().mediaType())
                .header(HttpHeaders.CACHE_CONTROL, CACHING)
                .eTag("\"" + picture.avatar().sha256() + "\"")
                .body(picture.bytes());
    }

    record AvatarView(String memberId, String contentType, long size, String etag) {
        static AvatarView of(String memberId, AvatarStore.StoredAvatar avatar) {
            return new AvatarView(memberId, avatar.type().mediaType().toString(), avatar.size(),
                    "\"" + avatar.sha256() + "\"");
        }
    }
}
