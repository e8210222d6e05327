package io.consentledger.app.ui;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the header of every back-office page needs: who is signed in, and which sections their roles open. */
@ControllerAdvice(basePackageClasses = UiModel.class)
class UiModel {

    @ModelAttribute("user")
    String user(Authentication authentication) {
        return authentication == null ? null : authentication.getName();
    }

    @ModelAttribute("admin")
    boolean admin(Authentication authentication) {
        return has(authentication, "ROLE_ADMIN");
    }

    @ModelAttribute("auditor")
    boolean auditor(Authentication authentication) {
        return has(authentication, "ROLE_AUDITOR");
    }

    /** Whether the user may change contacts' ledgers, and so import: INTEGRATOR or ADMIN. */
    @ModelAttribute("writer")
    boolean writer(Authentication authentication) {
        return canAct(authentication);
    }

    /** Whether the user may change a contact's ledger: INTEGRATOR or ADMIN. */
    static boolean canAct(Authentication authentication) {
        return has(authentication, "ROLE_INTEGRATOR") || has(authentication, "ROLE_ADMIN");
    }

    private static boolean has(Authentication authentication, String role) {
        return authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> authority.getAuthority().equals(role));
    }
}
