package io.lotse.web.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the console pages under short paths. */
@Controller
class PageController {

    @GetMapping("/agent")
    String agent() {
        return "forward:/agent.html";
    }

    @GetMapping("/team")
    String team() {
        return "forward:/team.html";
    }

    @GetMapping("/editor")
    String editor() {
        return "forward:/editor.html";
    }
}
