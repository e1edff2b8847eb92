package io.cercle.identity.avatar;

import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static io.cercle.identity.IdentityMother.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Erasure reaches the avatar through MemberErasing: the member feature does not call the avatar feature. */
@IdentityServiceTest
class AvatarErasureTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AvatarStore store;
    @Autowired
    Keycloak keycloak;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    RabbitTemplate rabbit;

    @Test
    void erasingAMemberDeletesTheirStoredPicture() throws Exception {
        var mother = new IdentityMother(mvc, keycloak, admin, rabbit);
        String tenant = mother.tenant();
        String adminId = mother.member(tenant, "Ida Admin", "tenant_admin");
        String memberId = mother.member(tenant, "Pia Picture", "member");
        mvc.perform(multipart(HttpMethod.PUT, "/me/avatar").with(as(memberId, tenant, "member"))
                        .file(new MockMultipartFile("file", "me.png", "image/png", AvatarPictures.png())))
                .andExpect(status().isOk());
        assertThat(store.find(tenant, memberId)).isPresent();

        mvc.perform(delete("/members/" + memberId).with(as(adminId, tenant, "tenant-admin")))
                .andExpect(status().isNoContent());

        assertThat(store.find(tenant, memberId)).isEmpty();
    }
}
