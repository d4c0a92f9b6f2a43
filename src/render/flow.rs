//! The question flow's pages: a question with its options as links, or an answer with the
//! services that help, for one municipality or none, in the reader's language.

use tera::Context;

use super::*;

impl Renderer<'_> {
    pub(super) fn flow_context(
        &self,
        ctx: &mut Context,
        lang: &str,
        step: &FlowStep,
    ) -> Result<&'static str, Diagnostic> {
        let site = self.site;
        let strings = &site.language(lang).expect("language").strings;
        let texts = FlowTexts { site, lang };
        ctx.insert("flow_unreviewed", &texts.unreviewed());
        let m = step.municipality;
        ctx.insert(
            "municipality",
            &m.map(|m| {
                serde_json::json!({"name": site.municipalities[m].name, "url": url::municipality_url(site, lang, m)})
            }),
        );
        // The answers given so far, each with a link back to change it.
        let mut summary = Vec::new();
        for (k, (qid, oid)) in step.trail.iter().enumerate() {
            let (question, qfb) = texts.question(qid);
            let (answer, afb) = texts.option(qid, oid);
            summary.push(SummaryRow {
                question,
                answer,
                change_url: flow_url(site, lang, m, &step.trail[..k]),
                fallback: qfb.or(afb),
            });
        }
        ctx.insert("summary", &summary);
        let back_url = match step.trail.len() {
            0 => m.map_or_else(
                || url::home_url(lang),
                |m| url::municipality_url(site, lang, m),
            ),
            n => flow_url(site, lang, m, &step.trail[..n - 1]),
        };
        ctx.insert("back_url", &back_url);
        ctx.insert("step_number", &(step.trail.len() + 1));
        ctx.insert("flow_start", &flow_url(site, lang, m, &[]));
        match &step.node {
            FlowNode::Question(qid) => {
                let q = site.question(qid).expect("checked");
                let (text, fallback) = texts.question(qid);
                let (help, help_fallback) = texts.help(qid);
                let options: Vec<_> = q
                    .options
                    .iter()
                    .map(|o| {
                        let mut trail = step.trail.clone();
                        trail.push((qid.clone(), o.id.clone()));
                        let (label, fb) = texts.option(qid, &o.id);
                        serde_json::json!({"label": label, "url": flow_url(site, lang, m, &trail), "fallback": fb})
                    })
                    .collect();
                ctx.insert("question", &serde_json::json!({"id": qid, "text": text, "help": help, "fallback": fallback.or(help_fallback)}));
                ctx.insert("options", &options);
                ctx.insert("title", &text);
                describe(ctx, help.as_deref().unwrap_or(&text));
                Ok("flow_question.html")
            }
            FlowNode::Answer(aid) => {
                let a = site.answer(aid).expect("checked");
                let (title, tfb) = texts.answer_title(aid);
                let (advice, afb) = texts.advice(aid);
                ctx.insert(
                    "answer",
                    &serde_json::json!({"id": aid, "title": title, "advice_html": advice.map(|x| markdown::to_html(&x)), "fallback": tfb.or(afb),
                        "shelter": a.needs.iter().any(|n| matches!(n, Need::SleepTonight | Need::ShelterIntake | Need::YouthShelter | Need::FamilyShelter))}),
                );
                ctx.insert("title", &title);
                match m {
                    Some(mi) => describe(
                        ctx,
                        &format!(
                            "{title} · {} {}",
                            tr(strings, "flow_for"),
                            site.municipalities[mi].name
                        ),
                    ),
                    None => describe(ctx, &title),
                }
                let cache = &self.langs[lang];
                // An answer about danger starts with the line to call, on the first screen:
                // "Bel 112", 113 for thoughts of suicide, Veilig Thuis for violence at home.
                let call_now = a
                    .needs
                    .first()
                    .filter(|n| {
                        matches!(
                            n,
                            Need::Emergency | Need::SuicidePrevention | Need::DomesticViolence
                        )
                    })
                    .and_then(|need| {
                        site.scoped(&Scope::National).iter().copied().find(|&i| {
                            let f = &site.services[i].doc.front.value;
                            f.needs.contains(need)
                                && f.contact.as_ref().is_some_and(|c| c.phone.is_some())
                        })
                    });
                if let Some(i) = call_now {
                    ctx.insert_value("call_now", self.service(cache, i));
                }
                let mut matches = site.answer_matches(m, a);
                let mut sections_list = Vec::new();
                let mut first_ids: Vec<usize> = Vec::new();
                if let Some(mi) = m {
                    let muni = &site.municipalities[mi];
                    ctx.insert("muni_contact", &views::municipality_contact(site, lang, mi));
                    // Tonight: the places to sleep and the numbers answered at night come
                    // first, whatever their scope; the daytime front door after them.
                    if crate::check::reach::is_tonight(a) {
                        let night_place = |i: usize| {
                            let v = &site.services[i].doc.front.value;
                            v.kind == Kind::Shelter
                                || v.needs.iter().any(|n| {
                                    matches!(
                                        n,
                                        Need::SleepTonight
                                            | Need::FamilyShelter
                                            | Need::YouthShelter
                                    )
                                })
                        };
                        let mut first: Vec<usize> = matches
                            .local
                            .iter()
                            .chain(&matches.regional)
                            .copied()
                            .filter(|&i| night_place(i))
                            .collect();
                        first.sort_by_key(|&i| {
                            !crate::check::reach::night_number(&site.services[i].doc.front.value)
                        });
                        matches.local.retain(|i| !first.contains(i));
                        matches.regional.retain(|i| !first.contains(i));
                        let families = a
                            .audience
                            .as_ref()
                            .is_some_and(|x| x.groups.contains(&Group::Families));
                        if families {
                            // A shelter that says it takes families; an advice page
                            // about having none does not count as one.
                            let family_place = first.iter().any(|&i| {
                                let v = &site.services[i].doc.front.value;
                                v.kind == Kind::Shelter
                                    && (v.needs.contains(&Need::FamilyShelter)
                                        || v.audience
                                            .as_ref()
                                            .is_some_and(|x| x.groups.contains(&Group::Families)))
                            });
                            ctx.insert("no_family_shelter", &!family_place);
                        }
                        first_ids.clone_from(&first);
                        // The first number to call, at the top of the page: on a small
                        // phone the list starts below the advice, out of the first screen.
                        if let Some(&i) = first.iter().find(|&&i| {
                            site.services[i]
                                .doc
                                .front
                                .value
                                .contact
                                .as_ref()
                                .is_some_and(|c| c.phone.is_some() || c.night_phone.is_some())
                        }) {
                            ctx.insert_value("call_first", self.service(cache, i));
                        }
                        if !first.is_empty() {
                            sections_list.push(Section {
                                title: tr(strings, "tonight_places").to_string(),
                                id: "tonight".into(),
                                services: self.pick(cache, &first),
                            });
                        }
                    }
                    if !matches.local.is_empty() {
                        sections_list.push(Section {
                            title: tr(strings, "in_your_municipality")
                                .replace("{name}", &muni.name),
                            id: "local".into(),
                            services: self.pick(cache, &matches.local),
                        });
                    }
                    if !matches.regional.is_empty() {
                        let region = &site.regions[muni.region];
                        sections_list.push(Section {
                            title: tr(strings, "in_your_region").replace("{name}", &region.name),
                            id: "regional".into(),
                            services: self.pick(cache, &matches.regional),
                        });
                    }
                }
                if !matches.national.is_empty() {
                    sections_list.push(Section {
                        title: tr(strings, "national_lines").to_string(),
                        id: "national".into(),
                        services: self.pick(cache, &matches.national),
                    });
                }
                // Plain text for one message: the answer, the first places with their phone, the link.
                let mut text = vec![title.clone()];
                for i in first_ids.iter().copied().chain(matches.all()).take(3) {
                    let sv = self.service(cache, i);
                    let name = sv
                        .get_from_path("name")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string();
                    match sv.get_from_path("phone").and_then(|v| v.as_str()) {
                        Some(p) => text.push(format!("- {name}: {p}")),
                        None => text.push(format!("- {name}")),
                    }
                }
                text.push(format!(
                    "{}{}",
                    site.config.base_url.0,
                    flow_url(site, lang, m, &step.trail)
                ));
                ctx.insert("answer_text", &text.join("\n"));
                ctx.insert_value("sections", sections(sections_list));
                if m.is_none() {
                    ctx.insert(
                        "choose",
                        &self.region_links(lang, None, |mi| {
                            flow_url(site, lang, Some(mi), &step.trail)
                        }),
                    );
                }
                Ok("flow_answer.html")
            }
        }
    }
}

/// The flow's words in one language. A text without a translation comes from the first
/// language of the fallback chain that has it, else the original; `Some` says which.
struct FlowTexts<'s> {
    site: &'s Site,
    lang: &'s str,
}

type Shown<T> = (T, Option<ShownIn>);

impl FlowTexts<'_> {
    /// The translations to try, in order, with their language.
    fn chain(&self) -> impl Iterator<Item = (&str, &crate::model::TreeTranslation)> {
        let site = self.site;
        site.translation_languages(self.lang)
            .filter_map(move |l| site.tree_translations.get(l).map(|t| (l, &t.value)))
    }
    /// The first translation that has the text, else the original.
    fn pick(
        &self,
        translated: impl Fn(&crate::model::TreeTranslation) -> Option<String>,
        orig: Option<String>,
    ) -> Shown<Option<String>> {
        let site = self.site;
        match self
            .chain()
            .find_map(|(l, t)| translated(t).map(|x| (l, x)))
        {
            Some((l, x)) => (Some(x), shown_in(site, self.lang, l)),
            None => {
                let fell_back = orig
                    .as_ref()
                    .and_then(|_| shown_in(site, self.lang, site.default_language()));
                (orig, fell_back)
            }
        }
    }
    fn question(&self, qid: &str) -> Shown<String> {
        let orig = self.site.question(qid).map(|q| q.question.clone());
        let (text, fb) = self.pick(
            |t| t.questions.get(qid).and_then(|q| q.question.clone()),
            orig,
        );
        (text.unwrap_or_default(), fb)
    }
    fn help(&self, qid: &str) -> Shown<Option<String>> {
        let orig = self.site.question(qid).and_then(|q| q.help.clone());
        self.pick(|t| t.questions.get(qid).and_then(|q| q.help.clone()), orig)
    }
    fn option(&self, qid: &str, oid: &str) -> Shown<String> {
        let orig = self
            .site
            .question(qid)
            .and_then(|q| q.options.iter().find(|o| o.id == oid))
            .map(|o| o.label.clone());
        let (text, fb) = self.pick(
            |t| {
                t.questions
                    .get(qid)
                    .and_then(|q| q.options.get(oid).cloned())
            },
            orig,
        );
        (text.unwrap_or_default(), fb)
    }
    fn answer_title(&self, aid: &str) -> Shown<String> {
        let orig = self.site.answer(aid).map(|a| a.title.clone());
        let (text, fb) = self.pick(|t| t.answers.get(aid).and_then(|a| a.title.clone()), orig);
        (text.unwrap_or_default(), fb)
    }
    fn advice(&self, aid: &str) -> Shown<Option<String>> {
        let orig = self.site.answer(aid).and_then(|a| a.advice.clone());
        self.pick(|t| t.answers.get(aid).and_then(|a| a.advice.clone()), orig)
    }
    /// Whether the flow texts of this language are unreviewed machine work.
    fn unreviewed(&self) -> bool {
        self.chain().next().is_some_and(|(_, t)| !t.reviewed)
    }
}
