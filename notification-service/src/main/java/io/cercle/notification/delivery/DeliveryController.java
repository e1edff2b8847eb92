package io.cercle.notification.delivery;

import io.cercle.platform.page.Page;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** The delivery log of the caller's tenant, for its admins. */
@RestController
@RequestMapping("/deliveries")
@PreAuthorize("hasRole('tenant-admin')")
class DeliveryController {

    private final DeliveryLog deliveries;

    DeliveryController(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping
    @Operation(summary = "List the tenant's notification deliveries, newest first (tenant admin)")
    @ApiResponse(responseCode = "200", description = "One page; pass its next as cursor for the next one")
    @ApiResponse(responseCode = "400", description = "Invalid size or cursor (one that does not decode, or was issued "
            + "for another list or tenant), named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not an admin of a tenant")
    Page<DeliveryView> list(
            @Parameter(description = "next of the previous page; absent for the first page")
            @RequestParam(required = false) @Size(max = 1024) String cursor,
            @Parameter(description = "Page size, 1 to 100")
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            CurrentMember caller) {
        return deliveries.page(caller.requireTenant(), cursor, size).map(DeliveryView::of);
    }

    /** A delivery as admins see it; address and name are null once the member was erased. */
    record DeliveryView(String memberId, String notification, Delivery.Channel channel, String address,
                        String recipientName, String locale, Delivery.Status status, String failure,
                        Instant createdAt, Instant updatedAt, boolean anonymised) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.memberId(), d.notification(), d.channel(), d.address(), d.recipientName(),
                    d.locale(), d.status(), d.failure(), d.createdAt(), d.updatedAt(), d.anonymisedAt() != null);
        }
    }
}
