package io.lotse.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiDocsConfigurationTests {

    @Test
    void anOperationIsTaggedByTheLongestPrefixOfItsPath() {
        assertThat(ApiDocsConfiguration.tagOf("/api/agent/conversations/{id}/claim").getName()).isEqualTo("Conversations");
        assertThat(ApiDocsConfiguration.tagOf("/api/agent/articles").getName()).isEqualTo("Articles");
        assertThat(ApiDocsConfiguration.tagOf("/api/articles/{id}").getName()).isEqualTo("Articles");
        assertThat(ApiDocsConfiguration.tagOf("/api/admin/conversations/{id}/export").getName()).isEqualTo("Administration");
        assertThat(ApiDocsConfiguration.tagOf("/api/agentsomething")).isNull();
    }

    @Test
    void operationIdsNameTheAreaAndDropSpringdocsNumbers() {
        var replies = ApiDocsConfiguration.tagOf("/api/agent/replies");
        assertThat(ApiDocsConfiguration.operationId(replies, "delete_1")).isEqualTo("cannedRepliesDelete");
        assertThat(ApiDocsConfiguration.operationId(replies, "cannedRepliesDelete")).as("once only").isEqualTo("cannedRepliesDelete");
        var presence = ApiDocsConfiguration.tagOf("/api/agent/presence");
        assertThat(ApiDocsConfiguration.operationId(presence, "presence")).isEqualTo("presencePresence");
    }
}
