package io.consentledger.app.ui;

import io.consentledger.query.projection.DeadLetterPage;
import io.consentledger.query.projection.DeadLetterRetry;
import io.consentledger.query.projection.DeadLetters;
import io.consentledger.query.projection.ProjectionStatus;
import io.consentledger.query.projection.Projections;
import jakarta.annotation.security.RolesAllowed;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The projections' status for admins and auditors (how far each read model is, and a rebuild's progress; the page
 * refreshes itself while one runs) and the events each could not process; admins start rebuilds and retry those events
 * here.
 */
@Controller
@RolesAllowed("ADMIN")
@RequestMapping("/projections")
class ProjectionsController {

    /** Dead letters shown per projection; the API pages through all of them. */
    private static final int SHOWN = 50;

    private final Projections projections;
    private final DeadLetters deadLetters;

    ProjectionsController(Projections projections, DeadLetters deadLetters) {
        this.projections = projections;
        this.deadLetters = deadLetters;
    }

    @RolesAllowed({"ADMIN", "AUDITOR"})
    @GetMapping
    String status(Model model) {
        List<ProjectionStatus> status = projections.status();
        Map<String, DeadLetterPage> letters = new LinkedHashMap<>();
        for (ProjectionStatus projection : status) {
            if (projection.deadLetters() > 0) {
                letters.put(projection.name(), deadLetters.page(projection.name(), 0, SHOWN));
            }
        }
        model.addAttribute("projections", status);
        model.addAttribute("deadLetters", letters);
        model.addAttribute("replaying", status.stream().anyMatch(ProjectionStatus::replaying));
        return "ui/projections";
    }

    @PostMapping("/{name}/replay")
    String replay(@PathVariable String name, RedirectAttributes redirect) {
        projections.replay(name);
        redirect.addFlashAttribute("done", name);
        return "redirect:/projections";
    }

    @PostMapping("/{name}/dead-letters/retry")
    String retry(@PathVariable String name, RedirectAttributes redirect) {
        DeadLetterRetry retry = deadLetters.retry(name);
        redirect.addFlashAttribute("retried", new Retried(retry.projection(), retry.processed(), retry.stillDead()));
        return "redirect:/projections";
    }

    /** What a retry did, as the next page shows it; kept in the session (shared by every node) until then. */
    record Retried(String projection, long processed, long stillDead) implements Serializable {}
}
