package io.consentledger.app.ui;

import io.consentledger.query.web.ProjectionStatus;
import io.consentledger.query.web.Projections;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The projections' status for admins and auditors (how far each read model is, and a rebuild's progress; the page
 * refreshes itself while one runs); admins start rebuilds here.
 */
@Controller
@RequestMapping("/projections")
class ProjectionsController {

    private final Projections projections;

    ProjectionsController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    String status(Model model) {
        List<ProjectionStatus> status = projections.status();
        model.addAttribute("projections", status);
        model.addAttribute("replaying", status.stream().anyMatch(ProjectionStatus::replaying));
        return "ui/projections";
    }

    @PostMapping("/{name}/replay")
    String replay(@PathVariable String name, RedirectAttributes redirect) {
        projections.replay(name);
        redirect.addFlashAttribute("done", name);
        return "redirect:/projections";
    }
}
