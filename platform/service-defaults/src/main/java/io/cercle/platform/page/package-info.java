/** Building blocks of paginated lists shared by every service: the newest-first cursor. */
package io.cercle.platform.page;
