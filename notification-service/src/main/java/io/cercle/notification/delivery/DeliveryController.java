package io.cercle.notification.delivery;

import io.cercle.platform.page.NewestFirstCursor;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

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
    @ApiResponse(responseCode = "200", description = "One page; pass nextCursor as cursor for the next one")
    @ApiResponse(responseCode = "400", description = "Invalid size or cursor, named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not an admin of a tenant")
    DeliveriesView list(
            @Parameter(description = "nextCursor of the previous page; absent for the first page",
                    schema = @Schema(type = "string"))
            @RequestParam(required = false) NewestFirstCursor cursor,
            @Parameter(description = "Page size, 1 to 100")
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            CurrentMember caller) {
        var page = deliveries.page(caller.requireTenant(), cursor, size);
        return new DeliveriesView(page.deliveries().stream().map(DeliveryView::of).toList(), page.nextCursor());
    }

    record DeliveriesView(List<DeliveryView> items, String nextCursor) {
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
