"""The phrases of what a transition plan asks of its reader and what the person promises, in English and Chinese
(``export.asks`` picks them; ``export.words`` merges them into the one catalogue). Asks are written as the person
would say them in a 1:1: concrete, with the weeks they concern, and the work time they take when they take some.
"""

from __future__ import annotations

ASK_PHRASES: dict[str, tuple[str, str]] = {
    "a.own_time": (
        "I study in my own time, {h:g} h a week outside working hours, so I am not asking for learning time at work.",
        "我的学习都在个人时间进行（每周 {h:g} 小时，均在下班后），因此不需要占用工作时间。",
    ),
    "a.flex": (
        "Some flexibility in the weeks around my milestones ({weeks}), if a deadline at work falls on one.",
        "在里程碑前后（{weeks}）的那几周，如果和工作上的截止日期撞在一起，希望能灵活安排一下。",
    ),
    "a.protected": (
        "Protected learning time: {w:g} h a week in working hours (about {d:.1f} h a working day), kept free of "
        "meetings where possible.",
        "受保护的学习时间：每周工作时间内 {w:g} 小时（每个工作日约 {d:.1f} 小时），尽量不安排会议。",
    ),
    "a.protected_rest": (" The other {o:g} h a week I study in my own time.", "其余每周 {o:g} 小时我用个人时间学习。"),
    "a.project.manager": (
        'A real problem from our team for my portfolio project "{title}" ({weeks}), and a reviewer for its write-up.',
        "为我的作品集项目“{title}”（{weeks}）提供一个团队里的真实问题，并请人审阅项目总结。",
    ),
    "a.project.mentor": (
        'Feedback on my portfolio project "{title}" ({weeks}): on its design at the start and its write-up at the end.',
        "对我的作品集项目“{title}”（{weeks}）给些反馈：开始时看设计，结束时看总结。",
    ),
    "a.budget": (
        "A learning budget of about ${usd:,.0f} for the paid resources still ahead in the plan.",
        "约 {usd:,.0f} 美元的学习预算，用于计划中尚未完成的付费资源。",
    ),
    "a.checkins.manager": (
        "A short check-in at each milestone ({weeks}) to look at the evidence and adjust the plan.",
        "在每个里程碑（{weeks}）做一次简短沟通，一起看成果、调整计划。",
    ),
    "a.checkins.mentor": (
        "A regular check-in, at least at each milestone ({weeks}), to look at my progress and what to change.",
        "定期交流，至少在每个里程碑（{weeks}）聊一次，一起看看进展和需要调整的地方。",
    ),
    "a.work": (", about {h:g} h of work time", "，约 {h:g} 小时工作时间"),
    "ask.manager.find-mentor": (
        "An introduction to an ML engineer here who could mentor me ({weeks}).",
        "介绍一位公司里的机器学习工程师做我的导师（{weeks}）。",
    ),
    "ask.manager.small-ml-tasks": (
        "Small ML tasks alongside experienced ML engineers, such as a feature for model training or a small model "
        "change ({weeks}{work}).",
        "和有经验的机器学习工程师一起做些小任务，比如模型训练的小功能或小的模型改动（{weeks}{work}）。",
    ),
    "ask.manager.ml-platform-work": (
        "Time in working hours to work with the ML team on our ML platform ({weeks}{work}).",
        "在工作时间内和机器学习团队一起参与公司机器学习平台的工作（{weeks}{work}）。",
    ),
    "ask.manager.internal-tech-talk": (
        "A slot to give an internal tech talk on my ML work ({weeks}).",
        "安排一次内部技术分享，介绍我的机器学习工作（{weeks}）。",
    ),
    "ask.manager.performance-evaluation": (
        "A conversation about how ML engineers are evaluated here, so that I work to that bar before I move ({weeks}).",
        "和我聊聊公司如何评估机器学习工程师，让我在转岗之前就按这个标准要求自己（{weeks}）。",
    ),
    "ask.manager.secondment": (
        "Your support for a secondment to an ML team ({weeks}).",
        "支持我到机器学习团队短期借调（{weeks}）。",
    ),
    "ask.manager.hackathon": (
        "Time to take part in an internal hackathon with an ML project ({weeks}{work}).",
        "允许我用工作时间参加一次内部黑客马拉松，做一个机器学习项目（{weeks}{work}）。",
    ),
    "ask.manager.expand-horizons": (
        "Some working time to read how peer companies tackle our problem ({weeks}{work}).",
        "留出一些工作时间，研读同行公司如何解决我们这类问题（{weeks}{work}）。",
    ),
    "ask.mentor.join-ml-communities": (
        "Pointers to a study group or an ML community worth joining ({weeks}).",
        "推荐一个值得加入的学习小组或机器学习社区（{weeks}）。",
    ),
    "ask.mentor.learn-in-public": (
        "Honest feedback on what I publish, a blog post or a talk ({weeks}).",
        "对我公开分享的内容（博客、演讲）给出坦率的反馈（{weeks}）。",
    ),
    "ask.mentor.hackathon": (
        "A hackathon worth joining, or a team I could join ({weeks}).",
        "推荐一个值得参加的黑客马拉松，或者一支可以加入的队伍（{weeks}）。",
    ),
    "ask.mentor.build-portfolio": (
        "A frank look at my portfolio as a whole: what a hiring team would miss ({weeks}).",
        "从整体上坦率地看看我的作品集：招聘方会觉得缺什么（{weeks}）。",
    ),
    "ask.mentor.do-internships": (
        "Pointers to internships open to someone at my stage ({weeks}).",
        "推荐适合我现阶段的实习机会（{weeks}）。",
    ),
    "ask.mentor.interview-prep": (
        "A mock interview or two before I apply ({weeks}).",
        "在我申请之前，帮我做一两次模拟面试（{weeks}）。",
    ),
    "ask.mentor.network-and-referrals": (
        "Introductions to people who work in ML, and a referral if you think I am ready ({weeks}).",
        "介绍几位在机器学习领域工作的人；如果你觉得我准备好了，帮我内推（{weeks}）。",
    ),
    "ask.mentor.apply-for-jobs": (
        "A look at my CV and applications before I send them ({weeks}).",
        "在投递之前帮我看看简历和申请材料（{weeks}）。",
    ),
    "c.study": (
        "Keep to {h:g} h of study a week and log every session, so that my progress can be checked at any time.",
        "坚持每周学习 {h:g} 小时，并记录每一次学习，进展随时可查。",
    ),
    "c.communicate-proactively": (
        "Keep you posted on progress, problems and results at our 1:1s, not only at milestones.",
        "在每次一对一沟通中主动汇报进展、困难和成果，而不是只在里程碑时才说。",
    ),
    "c.earn-trust": (
        "Keep my current work reliable: the move must not cost the team.",
        "保证本职工作可靠，转型不能让团队受影响。",
    ),
    "c.learning-log": (
        "Keep a learning log of designs, insights, challenges and feedback that you can read at any time.",
        "记录学习日志（设计、心得、难点和反馈），随时可以给你看。",
    ),
    "c.prepared": (
        "Come to each check-in with my learning log and a concrete question.",
        "每次交流都带上学习日志和一个具体的问题。",
    ),
}
