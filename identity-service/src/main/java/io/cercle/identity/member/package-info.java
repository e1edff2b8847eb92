/** Members of a tenant and their profiles (display name, job, bio, locale, expertise, interests). */
package io.cercle.identity.member;
