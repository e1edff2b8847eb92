package io.cercle.notification.delivery;

import io.cercle.platform.page.Page;
import io.cercle.testsupport.CercleWebMvcTest;
import io.cercle.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the web layer decides about the delivery log, with signed test tokens and no infrastructure: who may list
 * it (401, 403) and which parameters are refused (400 naming them) before the log is read. Which deliveries a
 * tenant sees is DeliveryApiTest's, on the real MongoDB-protocol server.
 */
@CercleWebMvcTest(DeliveryController.class)
@MockitoBean(types = DeliveryLog.class)
class DeliveryWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    DeliveryLog deliveries;

    private final TestTokens.Token admin = TestTokens.member("t-web").tenantAdmin();

    @Test
    void aTenantAdminListsTheirOwnTenantsLog() throws Exception {
        when(deliveries.page(eq("t-web"), any(), eq(20))).thenReturn(new Page<>(List.of(), null));

        mvc.perform(get("/deliveries").header(AUTHORIZATION, admin.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());
        verify(deliveries).page(eq("t-web"), any(), eq(20));
    }

    @Test
    void withoutATokenTheLogGets401Problem() throws Exception {
        mvc.perform(get("/deliveries"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        verifyNoInteractions(deliveries);
    }

    @Test
    void aMemberWhoIsNotATenantAdminGets403Problem() throws Exception {
        mvc.perform(get("/deliveries").header(AUTHORIZATION, TestTokens.member("t-web").bearer()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        verifyNoInteractions(deliveries);
    }

    @ParameterizedTest(name = "size={0}")
    @ValueSource(strings = {"0", "101", "-1", "many"})
    void aSizeOutOf1To100Gets400NamingSize(String size) throws Exception {
        mvc.perform(get("/deliveries").param("size", size).header(AUTHORIZATION, admin.bearer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("size"))
                .andExpect(jsonPath("$.detail").value(containsString("size")));
        verifyNoInteractions(deliveries);
    }
}
