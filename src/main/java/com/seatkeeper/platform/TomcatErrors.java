package com.seatkeeper.platform;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes {@link ProblemReportValve} the error report of Tomcat's host, so that requests Tomcat refuses before the
 * application get our problem details or page rather than Tomcat's HTML report. The host adds its error report valve at
 * start only when none of the configured class is in its pipeline: naming ours and adding it replaces Tomcat's.
 */
@Component
class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve());
            }
        });
    }
}
