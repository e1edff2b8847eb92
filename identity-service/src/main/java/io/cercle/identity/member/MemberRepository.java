package io.cercle.identity.member;

import org.springframework.data.mongodb.repository.MongoRepository;

interface MemberRepository extends MongoRepository<Member, String> {
}
