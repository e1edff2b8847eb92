/** RFC 9457 problem details: the one shape of every error answer, naming the rejected fields. */
package io.cercle.platform.problem;
